#[cfg(target_arch = "wasm32")]
fn main() {
    crm::ui::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("This is a browser app: run `scripts/serve.sh` and open http://127.0.0.1:8080");
}

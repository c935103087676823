#!/usr/bin/env python3
"""Where the bytes of the wasm go, by crate and by our own module.

Usage: scripts/wasm-size.py [WASM] [--opt] [--top N]

WASM must still carry its name section: the wasm-bindgen output of a Trunk release build
($CARGO_TARGET_DIR/wasm-bindgen/release/crm_bg.wasm, the default) or cargo's
target/wasm32-unknown-unknown/release/crm.wasm. The shipped dist/*.wasm has no names.
--opt first runs `wasm-opt -Oz -g` (Trunk's flags plus -g, which keeps the names; binaryen
132 from node_modules/.bin, one to two minutes) so the table shows the code as it ships:
wasm-opt inlines and merges a lot, so the figures before it overstate small helpers.

Legacy Rust symbols carry no generic arguments, so a monomorphized function is counted
under the crate that defines it (serde_json::from_str::<Customer> is serde_json; the
standard sort or Iterator::next for our types and closures is std/alloc/core), and a
Leptos closure that holds one of our views is counted under Leptos when the view code was
inlined into it. The "by our module" table is therefore a lower bound for our code.
"""

import csv
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict

GROUPS = [
    ("serde/serde_json", ("serde", "serde_core", "serde_json", "serde_derive", "zmij", "ryu", "itoa")),
    (
        "leptos/tachys/reactive_graph",
        (
            "leptos", "leptos_dom", "leptos_macro", "tachys", "reactive_graph", "send_wrapper",
            "any_spawner", "or_poisoned", "throw_error", "reactive_stores", "slotmap", "oco_ref",
            "next_tuple", "guardian", "hydration_context", "leptos_hot_reload", "server_fn",
        ),
    ),
    ("chrono", ("chrono",)),
    ("csv", ("csv", "csv_core")),
    ("sha2", ("sha2", "digest", "block_buffer", "generic_array", "cpufeatures")),
    ("strsim", ("strsim",)),
    ("uuid", ("uuid", "getrandom")),
    (
        "wasm-bindgen/js-sys/web-sys",
        (
            "wasm_bindgen", "wasm_bindgen_futures", "js_sys", "web_sys", "gloo_storage",
            "gloo_utils", "console_error_panic_hook", "wasm_streams", "serde_wasm_bindgen",
        ),
    ),
    (
        "indexed_db_futures + async",
        (
            "indexed_db_futures", "futures", "futures_util", "futures_channel", "futures_core",
            "futures_executor", "tokio", "async_lock", "event_listener", "event_listener_strategy",
            "pin_project_lite", "accessory", "delegate_display", "fancy_constructor", "sealed",
        ),
    ),
    (
        "std/alloc/core",
        (
            "core", "alloc", "std", "hashbrown", "dlmalloc", "compiler_builtins", "indexmap",
            "str", "char", "bool", "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16",
            "i32", "i64", "i128", "isize", "f32", "f64", "__rustc", "rustc_demangle",
        ),
    ),
]
CRATE_GROUP = {crate: group for group, crates in GROUPS for crate in crates}
PATH = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:::[A-Za-z_][A-Za-z0-9_]*)*")


def twiggy_rows(wasm):
    twiggy = shutil.which("twiggy") or os.path.expanduser("~/.cargo/bin/twiggy")
    out = subprocess.run(
        [twiggy, "top", "-n", "1000000", "-f", "csv", wasm], check=True, capture_output=True, text=True
    ).stdout
    for row in csv.DictReader(io.StringIO(out)):
        yield row["Name"], int(row["ShallowSize"])


def owner_paths(name):
    """The paths that say whose code a function is, most telling first."""
    impl = re.search(r"<impl (.+?) for (.+?)>::", name)
    if impl:  # crm::a::_::<impl serde::Serialize for crm::a::T>::serialize (derive output)
        return [impl.group(2), impl.group(1)]
    as_trait = re.match(r"<(.+?) as (.+?)>::", name)
    if as_trait:  # <Self as Trait>::method
        return [as_trait.group(1).lstrip("&*").removeprefix("mut ").removeprefix("dyn "), as_trait.group(2)]
    if name.startswith("<"):
        return [name.lstrip("<&*")]
    return [name]


def crate_of(path):
    match = PATH.match(path)
    if not match:
        return None
    return re.sub(r"\[[0-9a-f]+\]$", "", match.group(0).split("::")[0])


def classify(name):
    """(group, our module or None) for one twiggy item."""
    if name.startswith('"function names"') or name.startswith("custom section") or name.startswith("producers"):
        return "names/custom sections (not shipped)", None
    if name.startswith("data segment") or name.startswith("data["):
        return "data segments (rodata: strings, tables)", None
    if name.startswith(("import ", "export ", "elem[", "table[", "type[", "global[", "memory[")) or "section" in name:
        return "wasm structure (imports, exports, types, tables)", None
    if name.startswith("code["):
        return "unnamed functions", None
    if name.startswith(("__wbindgen", "__wbg", "__externref", "intounderlying")):
        return "wasm-bindgen/js-sys/web-sys", None
    paths = owner_paths(name)
    crates = [crate_of(p) for p in paths]
    module = None
    crm = re.search(r"crm::([a-z_0-9]+)(?:::([a-z_0-9]+))?", name)
    if crm:
        module = "crm::" + crm.group(1) + ("::" + crm.group(2) if crm.group(2) and crm.group(1) in ("ui", "domain", "services", "web", "storage") else "")
    # A serde trait implemented for one of our types is serde's code (derive output).
    if any(CRATE_GROUP.get(c) == "serde/serde_json" for c in crates):
        return "serde/serde_json", module
    for crate in crates:
        if crate == "crm":
            top = re.match(r"crm::([a-z_0-9]+)", paths[crates.index(crate)])
            return "crm::" + (top.group(1) if top else "?"), module
        if crate in CRATE_GROUP:
            return CRATE_GROUP[crate], module
    if crates and crates[0] and len(crates[0]) <= 2:  # <F as Trait> with F generic: the trait's crate
        for crate in crates[1:]:
            if crate in CRATE_GROUP:
                return CRATE_GROUP[crate], module
    return "other: " + (crates[0] or name[:30]), module


def table(title, totals, code_total, limit):
    print(f"\n{title}")
    print(f"{'KB':>9} {'% code':>7}  group")
    for key, size in sorted(totals.items(), key=lambda kv: -kv[1])[:limit]:
        is_code = not key.startswith(("names/", "data ", "wasm structure"))
        share = f"{100 * size / code_total:6.1f}%" if is_code else ""
        print(f"{size / 1024:9.1f} {share:>7}  {key}")


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    top_n = 25
    if "--top" in sys.argv:
        top_n = int(sys.argv[sys.argv.index("--top") + 1])
        args = [a for a in args if a != str(top_n)]
    target = os.environ.get("CARGO_TARGET_DIR", "target")
    wasm = args[0] if args else os.path.join(target, "wasm-bindgen/release/crm_bg.wasm")
    if "--opt" in sys.argv:
        tmp = tempfile.NamedTemporaryFile(suffix=".wasm", delete=False).name
        subprocess.run(["wasm-opt", "-Oz", "-g", "--enable-reference-types", wasm, "-o", tmp], check=True)
        wasm = tmp
    groups, modules, biggest = defaultdict(int), defaultdict(int), []
    for name, size in twiggy_rows(wasm):
        group, module = classify(name)
        groups[group] += size
        if module:
            modules[module] += size
        if not group.startswith(("names/", "data ", "wasm structure")):
            biggest.append((size, group, name))
    # Compiler intrinsics and one-off names: one row, not dozens.
    for key in [k for k, v in groups.items() if k.startswith("other: ") and v < 1024]:
        groups["other (each under 1 KB)"] += groups.pop(key)
    code = sum(v for k, v in groups.items() if not k.startswith(("names/", "data ", "wasm structure")))
    shipped = sum(v for k, v in groups.items() if not k.startswith("names/"))
    print(f"{wasm}: {os.path.getsize(wasm) / 1024:.0f} KB file, {shipped / 1024:.0f} KB without names, "
          f"{code / 1024:.0f} KB of code")
    table("By crate (% of code; data rows are not code)", groups, code, 40)
    table("By our module (functions named after it; a lower bound, see the header)", modules, code, 40)
    print(f"\nLargest {top_n} functions")
    for size, group, name in sorted(biggest, reverse=True)[:top_n]:
        print(f"{size / 1024:9.1f}  {group:28.28}  {name[:110]}")


if __name__ == "__main__":
    main()

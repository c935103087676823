//! Running the pure core's stepped work (`*_in_steps`) in native tests, where the
//! injected pause is a future that is ready at once.

/// Drives `f` to its end. Every pause the tests inject is ready at once, so one
/// poll finishes; a future that waits on anything else is a broken test.
pub(crate) fn block_on<F: std::future::Future>(f: F) -> F::Output {
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    let mut f = std::pin::pin!(f);
    match f.as_mut().poll(&mut cx) {
        std::task::Poll::Ready(out) => out,
        std::task::Poll::Pending => panic!("a test future waited on nothing that could wake it"),
    }
}

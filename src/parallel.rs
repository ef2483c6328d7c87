//! One thread per piece of work, results in order: the only shape of
//! parallelism building a store needs (a few large pieces cut in advance,
//! sharing nothing but their inputs), so `std::thread::scope` serves and no
//! thread-pool crate is needed.

#![forbid(unsafe_code)]

/// Runs `work` on each item, each on a thread of its own, and returns the
/// results in the items' order. A panic in one is resumed on the caller's
/// thread, as it would have surfaced without threads.
pub(crate) fn map_threads<T: Send, R: Send>(items: Vec<T>, work: impl Fn(T) -> R + Sync) -> Vec<R> {
    let work = &work;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .into_iter()
            .map(|item| scope.spawn(move || work(item)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_come_in_order() {
        let out = super::map_threads((0..8).collect(), |i: u64| {
            std::thread::sleep(std::time::Duration::from_millis(8 - i));
            i * i
        });
        assert_eq!(out, [0, 1, 4, 9, 16, 25, 36, 49]);
    }
}

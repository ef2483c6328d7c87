//! Times `Store::open` on a store file: `cargo run --release --example open_store -- FILE`.

fn main() {
    let path = std::env::args().nth(1).expect("a store file");
    let started = std::time::Instant::now();
    let store = quotecheck::Store::open(&path).expect("open");
    println!(
        "opened {} sources, {} words in {:.3} s",
        store.len(),
        store.word_count(),
        started.elapsed().as_secs_f64()
    );
}

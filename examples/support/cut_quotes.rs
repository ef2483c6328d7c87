//! Quotes cut from source texts at random (fixed seed), shared by the
//! store benchmarks: 12-40 consecutive words of a source, every other one
//! with a word replaced by "zebra".

/// `n` quotes from `texts` (texts of fewer than 60 words are skipped).
pub fn cut_quotes(texts: &[&str], n: usize) -> Vec<String> {
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut qs: Vec<String> = Vec::new();
    if !texts.iter().any(|t| t.split_whitespace().nth(60).is_some()) {
        return qs;
    }
    while qs.len() < n {
        let text = texts[(next() as usize) % texts.len()];
        let words: Vec<&str> = text.split_whitespace().collect();
        if words.len() < 60 {
            continue;
        }
        let n = 12 + (next() as usize) % 29;
        let at = (next() as usize) % (words.len() - n);
        let mut w: Vec<&str> = words[at..at + n].to_vec();
        if qs.len() % 2 == 1 {
            let k = (next() as usize) % n;
            w[k] = "zebra";
        }
        qs.push(w.join(" "));
    }
    qs
}

/// Checks every quote once with one checker: (sorted milliseconds, found).
/// Quotes not found are listed on stderr when `QC_SHOW_MISSES` is set.
pub fn time_checks(store: &quotecheck::Store, quotes: &[String]) -> (Vec<f64>, usize) {
    let mut checker = quotecheck::Checker::new();
    let mut times = Vec::with_capacity(quotes.len());
    let mut found = 0;
    let show = std::env::var_os("QC_SHOW_MISSES").is_some();
    for q in quotes {
        let t = std::time::Instant::now();
        let r = checker.check(store, q, None).expect("check");
        times.push(t.elapsed().as_secs_f64() * 1e3);
        let hit = r.verdict() != quotecheck::Verdict::NotFound;
        found += usize::from(hit);
        if show && !hit {
            eprintln!("not found: {q}");
        }
    }
    times.sort_by(f64::total_cmp);
    (times, found)
}

/// The `p` quantile of sorted times (NaN when there are none: `--quotes 0`
/// times the build alone).
pub fn pct(times: &[f64], p: f64) -> f64 {
    match times.len() {
        0 => f64::NAN,
        n => times[((n - 1) as f64 * p) as usize],
    }
}

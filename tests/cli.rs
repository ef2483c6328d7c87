//! The command line, run as a user would (cargo test builds the binary).

mod common;

use common::verdicts_of;
use std::process::Command;

fn cli() -> Command {
    let exe = std::env::var("QUOTECHECK_CLI").unwrap_or(env!("CARGO_BIN_EXE_quotecheck").into());
    Command::new(exe)
}

/// A JSON quote has these fields, and its `start..end` (bytes) is its text.
fn assert_quote(q: &serde_json::Value, text: &str, fields: &[&str]) {
    for field in fields {
        assert!(q.get(field).is_some(), "missing {field} in {q}");
    }
    let (s, e) = (
        q["start"].as_u64().unwrap() as usize,
        q["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[s..e], q["text"].as_str().unwrap());
}

#[test]
fn demo_runs_and_prints_verdicts() {
    let out = cli().arg("--json").output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let quotes = v["quotes"].as_array().unwrap();
    assert_eq!(quotes.len(), 4);
    let article = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/data/article-dodnews-2023-05-02.txt"
    ))
    .unwrap();
    for q in quotes {
        assert_quote(
            q,
            &article,
            &[
                "text",
                "speaker",
                "start",
                "end",
                "verdict",
                "score",
                "source",
                "source_start",
                "source_end",
                "matched_text",
                "source_speaker",
                "flags",
                "edits",
            ],
        );
    }
    let verdicts: Vec<&str> = quotes
        .iter()
        .map(|q| q["verdict"].as_str().unwrap())
        .collect();
    assert_eq!(verdicts, ["verbatim", "verbatim", "minor", "not_found"]);
    assert_eq!(quotes[0]["source_speaker"], "Pat Ryder");
    let human = cli().output().unwrap();
    let text = String::from_utf8(human.stdout).unwrap();
    assert!(
        text.contains("VERBATIM") && text.contains("NOT FOUND"),
        "{text}"
    );
}

#[test]
fn quotes_mode_keeps_order_and_reports_misattribution() {
    let dir = std::env::temp_dir().join(format!("qc-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let qfile = dir.join("q.json");
    std::fs::write(
        &qfile,
        r#"[{"text": "no indication of aliens or extraterrestrial activity with these recent takedowns.", "speaker": "John Kirby"},
            {"text": "no apologies for taking down that balloon", "speaker": null},
            {"text": "no indication of aliens or extraterrestrial activity with these recent takedowns.", "speaker": "another defense official"},
            {"text": "no indication of aliens or extraterrestrial activity with these recent takedowns.", "speaker": "Pentagon Office", "speaker_kind": "organisation"}]"#,
    )
    .unwrap();
    let sources = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/sources");
    let out = cli()
        .args(["--json", "--quotes"])
        .arg(&qfile)
        .arg(sources)
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let q = &v["quotes"];
    assert_eq!(q[0]["verdict"], "misattributed");
    assert_eq!(q[0]["source_speaker"], "Karine Jean-Pierre");
    assert!(q[0]["start"].is_null());
    assert_eq!(q[1]["source"], "wh-2023-02-16-remarks-biden");
    // A role, or any name the caller says is not a person's, is never an
    // accusation: the words' verdict, flagged to confirm.
    for i in [2, 3] {
        assert_eq!(q[i]["verdict"], "minor", "{}", q[i]);
        assert!(
            q[i]["flags"]
                .as_array()
                .unwrap()
                .contains(&serde_json::json!("speaker_unverified")),
            "{}",
            q[i]
        );
    }
    assert_eq!(q[2]["speaker_kind"], "role");
    assert_eq!(q[3]["speaker_kind"], "organisation");
}

#[test]
fn manifest_nulls_are_missing_fields_and_a_broken_entry_is_named() {
    let dir = std::env::temp_dir().join(format!("qc-cli-null-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a.txt"), "We will not raise taxes this year.").unwrap();
    std::fs::write(dir.join("b.txt"), "The bridge opens in May.").unwrap();
    std::fs::write(
        dir.join("sources.json"),
        "\u{feff}[{\"file\": \"a.txt\", \"speakers\": null, \"title\": null, \"speaker\": null, \"date\": null, \"notes\": 1},\n {\"file\": \"b.txt\", \"id\": null}]",
    )
    .unwrap();
    let qfile = dir.join("q.json");
    std::fs::write(
        &qfile,
        r#"[{"text": "will not raise taxes this year", "speaker": null}]"#,
    )
    .unwrap();
    let out = cli()
        .args(["--json", "--quotes"])
        .arg(&qfile)
        .arg(&dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(common::verdicts_of(&out.stdout), ["verbatim"]);

    std::fs::write(
        dir.join("sources.json"),
        r#"[{"file": "a.txt"}, {"file": "b.txt", "speakers": ["not", "a", "map"]}]"#,
    )
    .unwrap();
    let out = cli()
        .args(["--json", "--quotes"])
        .arg(&qfile)
        .arg(&dir)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("entry 2 (b.txt)") && err.contains("speakers"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn bad_files_are_one_line_errors_and_others_still_checked() {
    let dir = std::env::temp_dir().join(format!("qc-cli-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("bad.txt"), b"caf\xe9 latin-1").unwrap();
    std::fs::write(dir.join("good.txt"), "We will not raise taxes this year.").unwrap();
    let article = dir.join("article.txt");
    std::fs::write(
        &article,
        "The mayor said she “will not raise taxes this year.”",
    )
    .unwrap();
    let out = cli()
        .arg("--json")
        .arg(&article)
        .arg(dir.join("good.txt"))
        .arg(dir.join("bad.txt"))
        .arg(dir.join("missing.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 2, "{err}");
    assert!(
        err.contains("bad.txt") && err.contains("not UTF-8") && err.contains("missing.txt"),
        "{err}"
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["quotes"][0]["verdict"], "verbatim");
}

#[test]
fn transcript_sources_show_speaker_and_time_stamp() {
    let dir = std::env::temp_dir().join(format!("qc-cli-times-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let quotes = dir.join("quotes.json");
    std::fs::write(
        &quotes,
        r#"[{"text": "Fares will not go up this year.", "speaker": "Maria Lopez"},
            {"text": "The levy raises 42 million dollars a year.", "speaker": "Lopez"}]"#,
    )
    .unwrap();
    let source = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/own/rev-older-layout.txt"
    );
    let out = cli()
        .arg("--quotes")
        .arg(&quotes)
        .arg(source)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Maria Lopez (per the source)"), "{text}");
    assert!(text.contains(", at (01:20)"), "{text}");
    assert!(
        text.contains("MISATTRIBUTED  misattributed: someone else said it"),
        "{text}"
    );
    assert!(
        text.contains("Lopez (per the article) · Daniel Okafor (per the source)"),
        "{text}"
    );
    assert!(text.contains(", at (00:31)"), "{text}");
    assert!(text.contains("Legend:"), "{text}");
    // Not a terminal: no colour codes.
    assert!(!text.contains('\x1b'), "{text}");

    let out = cli()
        .args(["--json", "--quotes"])
        .arg(&quotes)
        .arg(source)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let q = &v["quotes"];
    assert_eq!(q[0]["source_time"], "(01:20)");
    assert_eq!(q[0]["source_speaker"], "Maria Lopez");
    assert_eq!(q[0]["verdict"], "verbatim");
    assert_eq!(q[1]["source_time"], "(00:31)");
    assert_eq!(q[1]["source_speaker"], "Daniel Okafor");
    assert_eq!(q[1]["verdict"], "misattributed");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn extract_prints_the_quotes_alone() {
    let article = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/articles/sotu-1986-reagan-excerpt.txt"
    );
    let out = cli()
        .args(["--extract", article, "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let text = std::fs::read_to_string(article).unwrap();
    let quotes = v["quotes"].as_array().unwrap();
    assert_eq!(quotes.len(), 4);
    for q in quotes {
        assert_quote(
            q,
            &text,
            &[
                "text",
                "start",
                "end",
                "kind",
                "speaker",
                "speaker_start",
                "speaker_end",
                "rule",
            ],
        );
    }
    assert_eq!(quotes[0]["speaker"], "Franklin Roosevelt");
    assert_eq!(quotes[0]["rule"], "pronoun");
    let (s, e) = (
        quotes[0]["speaker_start"].as_u64().unwrap() as usize,
        quotes[0]["speaker_end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[s..e], "he");
    assert_eq!(quotes[1]["kind"], "other");
    assert_eq!(quotes[1]["speaker"], serde_json::Value::Null);
}

#[test]
fn predict_jsonl_writes_code_point_offsets_per_paragraph() {
    let input = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/own/predict.jsonl"
    );
    let dir = std::env::temp_dir().join(format!("qc-cli-predict-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let output = dir.join("pred.jsonl");
    let status = cli()
        .arg("--predict-jsonl")
        .arg(input)
        .arg(&output)
        .status()
        .unwrap();
    assert!(status.success());
    let gold: Vec<serde_json::Value> = std::fs::read_to_string(input)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let pred: Vec<serde_json::Value> = std::fs::read_to_string(&output)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(pred.len(), gold.len());
    let mut speakers = Vec::new();
    for (g, p) in gold.iter().zip(&pred) {
        assert_eq!(g["id"], p["id"]);
        let chars: Vec<char> = g["text"].as_str().unwrap().chars().collect();
        for q in p["quotes"].as_array().unwrap() {
            let (s, e) = (
                q["start"].as_u64().unwrap() as usize,
                q["end"].as_u64().unwrap() as usize,
            );
            let slice: String = chars[s..e].iter().collect();
            assert_eq!(slice, q["text"].as_str().unwrap());
            assert_eq!(q["kind"], "speech");
            speakers.push(q["speaker"].clone());
        }
    }
    // Only speech: "transit tax" and „Odyssey“ are left out. The pronoun
    // "she" (paragraph 1) is written as the person it resolves to.
    assert_eq!(
        speakers,
        [
            serde_json::json!("council president Maria Lopez"),
            serde_json::json!("Maria Lopez"),
            serde_json::json!("Treasurer Daniel Okafor"),
            serde_json::json!("die Sprecherin der Stadt"),
        ]
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn store_files_are_built_updated_and_checked_against() {
    let dir = std::env::temp_dir().join(format!("qc-cli-store-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let store = dir.join("archive.qcs");
    let sources = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/sources");
    let article = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/data/article-dodnews-2023-05-02.txt"
    );
    let out = cli()
        .arg("--save")
        .arg(&store)
        .arg(sources)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Not a terminal: no progress line, only the summary.
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("saved 5 source(s)"), "{err}");
    assert!(!err.contains("MB/s"), "{err}");

    let verdicts = |extra: &[&str]| -> Vec<String> {
        let out = cli()
            .args(["--json", "--store"])
            .arg(&store)
            .arg(article)
            .args(extra)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        verdicts_of(&out.stdout)
    };
    let out = cli()
        .arg("--json")
        .arg(article)
        .arg(sources)
        .output()
        .unwrap();
    let from_folder = verdicts_of(&out.stdout);
    assert_eq!(verdicts(&[]), from_folder);

    // Remove the Pentagon transcript and captions: Ryder's quotes are gone.
    let out = cli()
        .arg("--store")
        .arg(&store)
        .args([
            "--remove",
            "dod-2023-05-02-ryder-briefing",
            "--remove",
            "dod-2023-05-02-ryder-captions",
        ])
        .arg("--save")
        .arg(&store)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(verdicts(&[]).iter().all(|v| v == "not_found"));
    // A bad store file is a one-line error and exit status 2.
    std::fs::write(&store, b"not a store").unwrap();
    let out = cli()
        .arg("--store")
        .arg(&store)
        .arg(article)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a quotecheck store file"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn loud_folders_a_twice_listed_file_and_a_symlinked_store() {
    let dir = std::env::temp_dir().join(format!("qc-cli-loud-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("sources/sub")).unwrap();
    std::fs::write(
        dir.join("sources/a.txt"),
        "We will not raise taxes this year.",
    )
    .unwrap();
    // Folders are read recursively; two files with one stem get their
    // paths in the folder as ids.
    std::fs::write(dir.join("sources/sub/a.txt"), "Taxes will rise next year.").unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("nowhere.txt", dir.join("sources/dangling.txt")).unwrap();
    }
    let qfile = dir.join("q.json");
    std::fs::write(
        &qfile,
        r#"[{"text": "will not raise taxes", "speaker": null}]"#,
    )
    .unwrap();
    let out = cli()
        .args(["--json", "--quotes"])
        .arg(&qfile)
        .arg(dir.join("sources"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    #[cfg(unix)]
    assert!(err.contains("dangling.txt: a symbolic link"), "{err}");
    assert_eq!(verdicts_of(&out.stdout), ["verbatim"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["quotes"][0]["source"], "a.txt");

    // A file listed twice in the manifest is an error naming both entries.
    std::fs::write(
        dir.join("sources/sources.json"),
        r#"[{"file": "a.txt", "speaker": "Ana"}, {"file": "a.txt", "speaker": "Bo"}]"#,
    )
    .unwrap();
    let out = cli()
        .args(["--json", "--quotes"])
        .arg(&qfile)
        .arg(dir.join("sources"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("listed twice (first as entry 1)"), "{err}");
    std::fs::remove_file(dir.join("sources/sources.json")).unwrap();
    std::fs::remove_dir_all(dir.join("sources/sub")).unwrap();

    // --save onto a symbolic link writes the link's target.
    #[cfg(unix)]
    {
        let target = dir.join("real.qcs");
        let link = dir.join("link.qcs");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let out = cli()
            .arg("--save")
            .arg(&link)
            .arg(dir.join("sources/a.txt"))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert!(target.is_file());
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn two_updates_of_one_store_at_once_never_lose_one_silently() {
    let dir = std::env::temp_dir().join(format!("qc-cli-race-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("base.txt"), "The council met today.").unwrap();
    let store = dir.join("s.qcs");
    assert!(
        cli()
            .arg("--save")
            .arg(&store)
            .arg(dir.join("base.txt"))
            .status()
            .unwrap()
            .success()
    );
    for round in 0..6 {
        let names = [format!("a{round}"), format!("b{round}")];
        let children: Vec<_> = names
            .iter()
            .map(|n| {
                let f = dir.join(format!("{n}.txt"));
                std::fs::write(&f, format!("Source {n} says the bridge opens in May.")).unwrap();
                cli()
                    .arg("--store")
                    .arg(&store)
                    .arg("--save")
                    .arg(&store)
                    .arg(&f)
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        let outcomes: Vec<_> = children
            .into_iter()
            .map(|c| c.wait_with_output().unwrap())
            .collect();
        let opened = quotecheck::Store::open(&store).unwrap();
        for (name, out) in names.iter().zip(&outcomes) {
            let kept = opened.find(name).is_some();
            // Either the addition is in the file, or its process said so.
            assert!(
                kept || (out.status.code() == Some(2)
                    && String::from_utf8_lossy(&out.stderr)
                        .contains("changed since it was opened")),
                "round {round}: {name} lost silently"
            );
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn help_version_and_exit_codes_scripts_rely_on() {
    let out = cli().arg("--help").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let help = String::from_utf8_lossy(&out.stdout);
    for part in [
        "Examples:",
        "Exit status:",
        "--fail-on",
        "sources.json",
        "--store",
    ] {
        assert!(help.contains(part), "--help lacks {part}:\n{help}");
    }
    let out = cli().arg("--version").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("quotecheck {}", env!("CARGO_PKG_VERSION"))
    );
    // Usage errors: 2, with a hint on stderr and nothing on stdout.
    for bad in [
        &["--no-such-flag"][..],
        &["--fail-on", "bad"],
        &["--remove", "x", "a.txt"],
    ] {
        let out = cli().args(bad).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
        assert!(out.stdout.is_empty(), "{bad:?}");
        assert!(!out.stderr.is_empty(), "{bad:?}");
    }
    // --fail-on: 1 when a quote's verdict is named, 0 when none is.
    let dir = std::env::temp_dir().join(format!("qc-cli-failon-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("s.txt"),
        "We will not raise taxes this year, the mayor said.",
    )
    .unwrap();
    std::fs::write(
        dir.join("q.json"),
        r#"[{"text": "We will raise taxes this year"}, {"text": "will not raise taxes this year"}]"#,
    )
    .unwrap();
    let run = |fail_on: &str| {
        cli()
            .args(["--json", "--fail-on", fail_on, "--quotes"])
            .arg(dir.join("q.json"))
            .arg(dir.join("s.txt"))
            .output()
            .unwrap()
    };
    let out = run("altered,misattributed");
    assert_eq!(verdicts_of(&out.stdout), ["altered", "verbatim"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(run("not-found").status.code(), Some(0));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn suggested_text_and_cited_places_in_json_and_the_html_report() {
    let dir = std::env::temp_dir().join(format!("qc-cli-cite-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("speech.txt"), "We will not raise taxes this year.").unwrap();
    std::fs::write(
        dir.join("interview.txt"),
        "Well, we will not raise the taxes this year.",
    )
    .unwrap();
    std::fs::write(dir.join("other.txt"), "Nothing about taxes here at all.").unwrap();
    std::fs::write(
        dir.join("q.json"),
        r#"[{"text": "We will raise taxes this year."},
            {"text": "we will not raise taxes this year", "source": "interview", "source_start": 6},
            {"text": "we will not raise taxes this year", "source": "other"},
            {"text": "we will not raise taxes this year"}]"#,
    )
    .unwrap();
    let html = dir.join("report.html");
    let out = cli()
        .args(["--json", "--html"])
        .arg(&html)
        .arg("--quotes")
        .arg(dir.join("q.json"))
        .arg(&dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let q = &v["quotes"];
    assert_eq!(q[0]["suggested_text"], "We will not raise taxes this year.");
    assert_eq!(q[0]["found_elsewhere"], serde_json::Value::Null);
    assert_eq!(
        (&q[1]["source"], &q[1]["found_elsewhere"]),
        (&"interview".into(), &false.into())
    );
    assert_eq!(q[1]["verdict"], "altered");
    assert_eq!(
        (&q[2]["source"], &q[2]["found_elsewhere"]),
        (&"speech".into(), &true.into())
    );
    assert_eq!(q[3]["suggested_text"], serde_json::Value::Null);
    let page = std::fs::read_to_string(&html).unwrap();
    assert_eq!(page.matches("<section class=\"card").count(), 4);
    assert!(page.contains("Not in the place it cites"));
    // A bad offset is a usage error naming the quote.
    std::fs::write(
        dir.join("bad.json"),
        r#"[{"text": "we will", "source": "speech", "source_start": -1}]"#,
    )
    .unwrap();
    let out = cli()
        .arg("--quotes")
        .arg(dir.join("bad.json"))
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("quote 1: `source_start`"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn articles_batch_gives_one_line_per_article_in_path_order_on_any_threads() {
    let dir = std::env::temp_dir().join(format!("qc-cli-batch-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let drafts = dir.join("drafts");
    std::fs::create_dir_all(drafts.join("monday")).unwrap();
    let root = env!("CARGO_MANIFEST_DIR");
    let sources = format!("{root}/examples/data/sources");
    let demo = format!("{root}/examples/data/article-dodnews-2023-05-02.txt");
    let own = format!("{root}/tests/fixtures/own/report-article.txt");
    std::fs::copy(&demo, drafts.join("a-demo.txt")).unwrap();
    std::fs::copy(&own, drafts.join("b-own.txt")).unwrap();
    std::fs::copy(&demo, drafts.join("monday").join("c-demo.txt")).unwrap();
    std::fs::write(drafts.join("notes.md"), "not an article").unwrap();

    let batch = |threads: &str, extra: &[&str]| {
        let out = cli()
            .arg("--articles")
            .arg(&drafts)
            .args(["--json-lines", "-", "--threads", threads])
            .args(extra)
            .arg(&sources)
            .output()
            .unwrap();
        let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        (
            out.status.code(),
            lines,
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, lines, err) = batch("2", &[]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains("checked 3 article(s)") && err.contains("quotes/s"),
        "{err}"
    );
    let names: Vec<&str> = lines
        .iter()
        .map(|l| l["article"].as_str().unwrap())
        .collect();
    let expected: Vec<String> = ["a-demo.txt", "b-own.txt", "monday/c-demo.txt"]
        .iter()
        .map(|n| drafts.join(n).display().to_string())
        .collect();
    assert_eq!(names, expected);
    // Each line's quotes are what checking that article alone gives.
    for (line, article) in lines.iter().zip([&demo, &own, &demo]) {
        let out = cli()
            .arg("--json")
            .arg(article)
            .arg(&sources)
            .output()
            .unwrap();
        let alone: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(line["quotes"], alone["quotes"], "{}", line["article"]);
        assert!(!alone["quotes"].as_array().unwrap().is_empty());
    }
    // One thread writes the same lines.
    assert_eq!(batch("1", &[]).1, lines);
    // --fail-on is exit 1; an unreadable article is an error line and exit 2.
    assert_eq!(batch("2", &["--fail-on", "altered"]).0, Some(1));
    std::fs::write(drafts.join("d-bad.txt"), b"caf\xe9 \"quoted\"").unwrap();
    let (code, lines, err) = batch("2", &[]);
    assert_eq!(code, Some(2));
    assert_eq!(lines.len(), 4);
    // A folder's own files come before its subfolders'.
    assert!(lines[2]["article"].as_str().unwrap().ends_with("d-bad.txt"));
    assert!(
        lines[2]["error"].as_str().unwrap().contains("not UTF-8"),
        "{}",
        lines[2]
    );
    assert!(err.contains("d-bad.txt"), "{err}");
    // Usage: --articles needs --json-lines and a store or sources.
    let out = cli().arg("--articles").arg(&drafts).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = cli()
        .arg("--articles")
        .arg(&drafts)
        .args(["--json-lines", "-"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no sources given"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn stores_saved_in_parts_merge_into_the_one_a_single_save_writes() {
    let dir = std::env::temp_dir().join(format!("qc-cli-merge-{}", std::process::id()));
    let parts = dir.join("parts");
    std::fs::create_dir_all(&parts).unwrap();
    let sources = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/sources");
    let mut files: Vec<_> = std::fs::read_dir(sources)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "srt"))
        .collect();
    files.sort();
    assert!(files.len() >= 4, "{files:?}");
    let save = |out: &std::path::Path, inputs: &[std::path::PathBuf]| {
        let out = cli().arg("--save").arg(out).args(inputs).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    // One save of every file, and the same files in two parts, merged.
    let whole = dir.join("whole.qcs");
    save(&whole, &files);
    let (a, b) = (parts.join("a.qcs"), parts.join("b.qcs"));
    save(&a, &files[..2]);
    save(&b, &files[2..]);
    let merged = dir.join("merged.qcs");
    let out = cli()
        .args(["--save"])
        .arg(&merged)
        .arg("--merge")
        .args([&a, &b])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains(&format!("{} source(s)", files.len())), "{err}");
    assert!(std::fs::read(&merged).unwrap() == std::fs::read(&whole).unwrap());

    // A part twice: the duplicate is named, the exit status is 2, and the
    // merged file is left as it was.
    let out = cli()
        .arg("--save")
        .arg(&merged)
        .arg("--merge")
        .args([&a, &a])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("duplicate source id"));
    assert!(std::fs::read(&merged).unwrap() == std::fs::read(&whole).unwrap());
    // Usage: --merge needs --save and parts, and takes no --store.
    for args in [
        vec!["--merge", "x.qcs"],
        vec!["--save", "y.qcs", "--merge"],
        vec!["--save", "y.qcs", "--store", "x.qcs", "--merge", "z.qcs"],
    ] {
        let out = cli().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_save_in_parts_is_the_file_a_single_save_writes() {
    // Four sources of about 0.7 MB each, saved in parts of 1 MB (two
    // parts of two files), then merged: the single --save's file, and no
    // part left behind.
    let dir = std::env::temp_dir().join(format!("qc-cli-parts-{}", std::process::id()));
    let src = dir.join("sources");
    std::fs::create_dir_all(&src).unwrap();
    let texts: Vec<String> = std::fs::read_dir(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/data/sources"
    ))
    .unwrap()
    .map(|e| e.unwrap().path())
    .filter(|p| p.extension().is_some_and(|e| e == "txt"))
    .map(|p| std::fs::read_to_string(p).unwrap())
    .collect();
    for k in 0..4 {
        let mut text = format!("Source number {k}.\n");
        while text.len() < 700_000 {
            text.push_str(&texts[(k + text.len()) % texts.len()]);
        }
        std::fs::write(src.join(format!("s{k}.txt")), text).unwrap();
    }
    let (whole, parted) = (dir.join("whole.qcs"), dir.join("parted.qcs"));
    let out = cli().arg("--save").arg(&whole).arg(&src).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = cli()
        .arg("--save")
        .arg(&parted)
        .args(["--parts-mb", "1"])
        .arg(&src)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("saved 4 source(s)") && err.contains("from 2 part(s)"),
        "{err}"
    );
    assert!(std::fs::read(&parted).unwrap() == std::fs::read(&whole).unwrap());
    let left: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().starts_with('.'))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    // --parts-mb builds afresh: no --store to update.
    let out = cli()
        .args(["--save", "x.qcs", "--parts-mb", "1", "--store", "y.qcs"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}

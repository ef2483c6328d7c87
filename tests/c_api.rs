//! The C side, driven by `cargo test`: the header compiles as C99 and as
//! C++, and the C examples build with `-std=c99 -Wall -Wextra -Werror
//! -pedantic`, link the static library, and give the CLI's verdicts.
//!
//! .ci/run also runs them under valgrind and AddressSanitizer (see there).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

const DIR: &str = env!("CARGO_MANIFEST_DIR");
const CFLAGS: &[&str] = &["-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic", "-g"];
const LIBS: &[&str] = &[
    "-lpthread",
    "-ldl",
    "-lm",
    "-lrt",
    "-lutil",
    "-lgcc_s",
    "-lc",
];

/// Builds the static library (cargo test does not build it) and returns it.
fn static_lib() -> PathBuf {
    let status = Command::new(env!("CARGO"))
        .args(["build", "--lib"])
        .current_dir(DIR)
        .status()
        .unwrap();
    assert!(status.success());
    let lib = Path::new(DIR).join("target/debug/libquotecheck.a");
    assert!(lib.exists());
    lib
}

fn out_dir() -> PathBuf {
    let dir = Path::new(DIR).join("target/c-tests");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn compile(cc: &str, extra: &[&str], sources: &[&str], output: &Path, lib: Option<&Path>) {
    let mut cmd = Command::new(cc);
    cmd.args(extra)
        .arg(format!("-I{DIR}/include"))
        .args(sources.iter().map(|s| Path::new(DIR).join(s)))
        .arg("-o")
        .arg(output);
    if let Some(lib) = lib {
        cmd.arg(lib).args(LIBS);
    }
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{cc} {sources:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn header_compiles_as_c99_and_as_cpp() {
    let lib = static_lib();
    let exe = out_dir().join("header_twice");
    compile("cc", CFLAGS, &["tests/c/header_twice.c"], &exe, Some(&lib));
    assert!(Command::new(&exe).status().unwrap().success());
    let out = Command::new("c++")
        .args([
            "-x",
            "c++",
            "-std=c++11",
            "-Wall",
            "-Wextra",
            "-Werror",
            "-fsyntax-only",
        ])
        .arg(format!("-I{DIR}/include"))
        .arg(Path::new(DIR).join("tests/c/header_twice.c"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn demo_cli_verdicts() -> Vec<String> {
    let out = Command::new(env!("CARGO_BIN_EXE_quotecheck"))
        .arg("--json")
        .output()
        .unwrap();
    common::verdicts_of(&out.stdout)
}

#[test]
fn cms_plugin_gives_the_cli_verdicts_on_the_demo() {
    let lib = static_lib();
    let exe = out_dir().join("cms_plugin");
    compile("cc", CFLAGS, &["examples/c/cms_plugin.c"], &exe, Some(&lib));
    let out = Command::new(&exe)
        .arg(Path::new(DIR).join("examples/data/sources"))
        .arg(Path::new(DIR).join("examples/data/article-dodnews-2023-05-02.txt"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let plugin: Vec<String> = lines
        .iter()
        .filter(|l| l["kind"] == "speech")
        .map(|l| l["verdict"].as_str().unwrap_or("null").to_string())
        .collect();
    assert_eq!(plugin, demo_cli_verdicts());
    // Offsets point into the article, in bytes and in code points.
    let article = std::fs::read_to_string(
        Path::new(DIR).join("examples/data/article-dodnews-2023-05-02.txt"),
    )
    .unwrap();
    for l in &lines {
        let (s, e) = (
            l["start"].as_u64().unwrap() as usize,
            l["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&article[s..e], l["text"].as_str().unwrap());
        assert_eq!(
            l["char_start"].as_u64().unwrap() as usize,
            article[..s].chars().count()
        );
    }
}

#[test]
fn many_threads_share_one_store() {
    let lib = static_lib();
    let exe = out_dir().join("threads");
    let mut flags = CFLAGS.to_vec();
    flags.push("-pthread");
    compile("cc", &flags, &["examples/c/threads.c"], &exe, Some(&lib));
    let quotes = out_dir().join("threads-quotes.txt");
    std::fs::write(
        &quotes,
        "until CPB can address these needs through contracted support,\n\
         Military personnel will not directly participate in law enforcement activities.\n\
         Military personnel will directly participate in law enforcement activities.\n\
         We will go to the moon tomorrow.\n",
    )
    .unwrap();
    let out = Command::new(&exe)
        .arg(Path::new(DIR).join("examples/data/sources/dod-2023-05-02-ryder-briefing.txt"))
        .arg("Pat Ryder")
        .arg(&quotes)
        .args(["4", "5"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.starts_with("4 threads x 5 rounds x 4 quotes: 0 disagreements"),
        "{text}"
    );
    assert!(
        text.contains("altered\tMilitary personnel will directly"),
        "{text}"
    );
}

#[test]
fn the_readme_c_snippet_works() {
    let lib = static_lib();
    let readme = std::fs::read_to_string(Path::new(DIR).join("README.md")).unwrap();
    let start = readme.find("```c\n").unwrap() + 5;
    let end = start + readme[start..].find("```").unwrap();
    let src = out_dir().join("readme.c");
    std::fs::write(&src, &readme[start..end]).unwrap();
    let exe = out_dir().join("readme");
    compile("cc", CFLAGS, &[src.to_str().unwrap()], &exe, Some(&lib));
    let out = Command::new(&exe).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "verbatim\nJohn Kirby said it\n"
    );
}

#[test]
fn wrong_handles_are_refused_without_reading_past_them() {
    let lib = static_lib();
    let exe = out_dir().join("wrong_handle");
    compile("cc", CFLAGS, &["tests/c/wrong_handle.c"], &exe, Some(&lib));
    let out = Command::new(&exe).output().unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

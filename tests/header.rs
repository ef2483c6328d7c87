//! The checked-in C header is what cbindgen makes of src/ffi/ now, and its
//! version macros agree with Cargo.toml and the library.
//!
//! When this fails after a change to the C API, regenerate the header:
//! `QC_BLESS=1 cargo test --test header`, then commit include/quotecheck.h.

use std::path::Path;

const DIR: &str = env!("CARGO_MANIFEST_DIR");

fn generated() -> String {
    let config = cbindgen::Config::from_file(Path::new(DIR).join("cbindgen.toml"))
        .expect("cbindgen.toml parses");
    let bindings = cbindgen::Builder::new()
        .with_src(Path::new(DIR).join("src/ffi/mod.rs"))
        .with_config(config)
        .generate()
        .expect("cbindgen generates the header");
    let mut out = Vec::new();
    bindings.write(&mut out);
    String::from_utf8(out).expect("UTF-8 header")
}

#[test]
fn header_is_current() {
    let path = Path::new(DIR).join("include/quotecheck.h");
    let fresh = generated();
    if std::env::var_os("QC_BLESS").is_some() {
        std::fs::write(&path, &fresh).unwrap();
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        checked_in == fresh,
        "include/quotecheck.h is stale: run `QC_BLESS=1 cargo test --test header` and commit it"
    );
}

fn define(header: &str, name: &str) -> String {
    header
        .lines()
        .find_map(|l| l.strip_prefix(&format!("#define {name} ")))
        .unwrap_or_else(|| panic!("no {name} in the header"))
        .trim()
        .to_string()
}

#[test]
fn versions_agree_across_header_runtime_and_cargo() {
    let header = std::fs::read_to_string(Path::new(DIR).join("include/quotecheck.h")).unwrap();
    let (major, minor, patch): (u32, u32, u32) = (
        env!("CARGO_PKG_VERSION_MAJOR").parse().unwrap(),
        env!("CARGO_PKG_VERSION_MINOR").parse().unwrap(),
        env!("CARGO_PKG_VERSION_PATCH").parse().unwrap(),
    );
    assert_eq!(define(&header, "QC_VERSION_MAJOR"), major.to_string());
    assert_eq!(define(&header, "QC_VERSION_MINOR"), minor.to_string());
    assert_eq!(define(&header, "QC_VERSION_PATCH"), patch.to_string());
    assert_eq!(
        define(&header, "QC_VERSION_STRING"),
        format!("\"{}\"", env!("CARGO_PKG_VERSION"))
    );
    assert_eq!(
        quotecheck::ffi::version::qc_version_number(),
        major * 10000 + minor * 100 + patch
    );
    // SAFETY: qc_version returns a static NUL-terminated string.
    let v = unsafe { std::ffi::CStr::from_ptr(quotecheck::ffi::version::qc_version()) };
    assert_eq!(v.to_str().unwrap(), env!("CARGO_PKG_VERSION"));
    assert_eq!(
        define(&header, "QC_ABI_VERSION"),
        quotecheck::ffi::version::qc_abi_version().to_string()
    );
}

#[test]
fn every_item_in_the_header_is_documented() {
    let header = std::fs::read_to_string(Path::new(DIR).join("include/quotecheck.h")).unwrap();
    let lines: Vec<&str> = header.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        let item = line.starts_with("#define QC_")
            && !line.starts_with("#define QC_VERSION")
            && !line.starts_with("#define QC_ABI_VERSION")
            && !line.starts_with("#define QC_NO_INDEX")
            || (line.starts_with("qc_status qc_")
                || line.starts_with("const char *qc_")
                || line.starts_with("void qc_")
                || line.starts_with("uint32_t qc_")
                || line.starts_with("size_t qc_")
                || line.starts_with("struct qc_")
                || line.starts_with("typedef struct qc_"))
                && line.contains("qc_");
        if item {
            let before = lines[..i]
                .iter()
                .rev()
                .find(|l| !l.trim().is_empty())
                .unwrap();
            assert!(
                before.trim_end().ends_with("*/") || before.starts_with("typedef struct qc_"),
                "undocumented: {line}"
            );
        }
    }
}

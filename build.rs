//! Gives the shared library a SONAME carrying the C ABI's major version
//! (`libquotecheck.so.0`), so that a program linked against it loads the
//! installed copy of a compatible version. The ABI only grows until 1.0, so
//! the major is 0 until then.

fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if os == "linux" || os.ends_with("bsd") {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libquotecheck.so.0");
    }
    println!("cargo:rerun-if-changed=build.rs");
}

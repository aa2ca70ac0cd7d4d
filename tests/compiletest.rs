//! Compile-fail cases of `#[jet]`: each `tests/ui/*.rs` is named for a mistake, and its
//! checked-in `.stderr` is what the user sees.
//!
//! The `.stderr` files are pinned to one toolchain (rustc 1.95, stable), like the
//! anchors pin theirs: rustc's own wording and spans change between releases. On another
//! toolchain the test is skipped; regenerate with `TRYBUILD=overwrite cargo test --test
//! compiletest` and read the diffs.

const PINNED: &str = "rustc 1.95.";

#[test]
fn ui() {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_string());
    let version = std::process::Command::new(rustc)
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    if !version.starts_with(PINNED) {
        eprintln!("skipping the ui tests: they are pinned to {PINNED}x, found {version}");
        return;
    }
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}

//! The bundled demo: a DOD News article and its public-domain sources,
//! embedded in the binary so that `quotecheck` with no arguments works from
//! wherever it was installed.

use quotecheck::SourceDoc;
use quotecheck::folder::Manifest;

/// The article's name, for reports.
pub const ARTICLE_NAME: &str = "article-dodnews-2023-05-02.txt (bundled demo)";

/// The article's text.
pub const ARTICLE: &str = include_str!("../../../examples/data/article-dodnews-2023-05-02.txt");

const MANIFEST: &str = include_str!("../../../examples/data/sources/sources.json");

const FILES: [(&str, &str); 5] = [
    (
        "dod-2023-05-02-ryder-briefing.txt",
        include_str!("../../../examples/data/sources/dod-2023-05-02-ryder-briefing.txt"),
    ),
    (
        "dod-2023-05-02-ryder-captions.srt",
        include_str!("../../../examples/data/sources/dod-2023-05-02-ryder-captions.srt"),
    ),
    (
        "wh-2023-02-13-briefing.txt",
        include_str!("../../../examples/data/sources/wh-2023-02-13-briefing.txt"),
    ),
    (
        "wh-2023-02-16-remarks-biden.txt",
        include_str!("../../../examples/data/sources/wh-2023-02-16-remarks-biden.txt"),
    ),
    (
        "wh-2024-02-20-gaggle-kirby.txt",
        include_str!("../../../examples/data/sources/wh-2024-02-20-gaggle-kirby.txt"),
    ),
];

/// The demo's sources, described by the bundled manifest.
pub fn sources() -> Result<Vec<SourceDoc>, String> {
    let manifest = Manifest::parse(MANIFEST)?;
    manifest
        .entries()
        .iter()
        .map(|entry| {
            let (_, text) = FILES
                .iter()
                .find(|(name, _)| *name == entry.file)
                .ok_or_else(|| {
                    format!(
                        "the demo's manifest lists {} but it is not bundled",
                        entry.file
                    )
                })?;
            let stem = entry
                .file
                .rsplit_once('.')
                .map_or(entry.file.as_str(), |(s, _)| s);
            Ok(entry.to_doc(stem, text.to_string()))
        })
        .collect()
}

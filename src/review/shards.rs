//! One quote checked against an archive split into shards (one store file
//! per part of the sources), the results merged into one answer.
//!
//! A check's matches are ranked within a store by [`Place::rank`] (the
//! score, raised a little where the source's speaker is the article's),
//! ties going to the source added first. Every match lies in one source,
//! and so in one shard, and a shard ranks its own matches as the whole
//! archive would; so the best match of the archive is the best of the
//! shards' bests, and the whole review (verdict, flags, differences,
//! correction) is that shard's. The runners-up are every shard's, in rank
//! order: at least those one store would list.
//!
//! What a shard cannot see: a splice whose two parts lie in sources of
//! different shards is reported by neither as one quote (each finds, at
//! best, its part); keep a story's sources (a briefing and its transcript
//! and captions) in one shard.

use super::{Place, Review};

/// Merges the reviews of one quote, checked against each shard of an
/// archive in turn, into the review one store holding every shard's
/// sources would give: the best of the shards' bests by [`Place::rank`]
/// (ties to the earlier shard), with that shard's verdict, flags,
/// differences and correction, and every shard's runners-up in rank order.
/// The one exception: a splice whose two parts lie in different shards is
/// reported by neither as one quote, so keep a story's sources in one
/// shard. `reviews` come in shard order, the order in which the shards' sources
/// would be added to that one store. `None` for no reviews; a review that
/// failed (its `error` set) is returned as it is, so that a shard that
/// could not be read is never hidden behind another's answer.
///
/// ```
/// use quotecheck::review::{merge_shards, Review};
/// use quotecheck::{Checker, SourceDoc, Store, Verdict};
/// let (mut a, mut b) = (Store::new(), Store::new());
/// a.add(SourceDoc::new("2019", "We will cut taxes for families.").speaker("Ana Diaz"))?;
/// b.add(SourceDoc::new("2024", "We will not raise taxes this year.").speaker("Ana Diaz"))?;
/// let mut checker = Checker::new();
/// let quote = "we will not raise taxes this year";
/// let per_shard = [&a, &b].map(|store| Review::of(&checker.check(store, quote, None).unwrap(), None));
/// let merged = merge_shards(per_shard).unwrap();
/// assert_eq!(merged.verdict, Verdict::Verbatim);
/// assert_eq!(merged.found.unwrap().source_id, "2024");
/// # Ok::<(), quotecheck::Error>(())
/// ```
pub fn merge_shards(reviews: impl IntoIterator<Item = Review>) -> Option<Review> {
    let mut reviews: Vec<Review> = reviews.into_iter().collect();
    if let Some(i) = reviews.iter().position(|r| r.error.is_some()) {
        return Some(reviews.swap_remove(i));
    }
    // The best: the highest-ranked place found, the first shard on a tie.
    let best = reviews
        .iter()
        .enumerate()
        .filter_map(|(k, r)| r.found.as_ref().map(|p| (k, p.rank)))
        .fold(None, |best: Option<(usize, f32)>, (k, rank)| match best {
            Some((_, b)) if b >= rank => best,
            _ => Some((k, rank)),
        })
        .map_or(0, |(k, _)| k);
    // Every other place, in rank order (shard, then its own order, on ties).
    let mut others: Vec<(f32, usize, usize, Place)> = Vec::new();
    for (k, r) in reviews.iter_mut().enumerate() {
        let found = if k == best { None } else { r.found.take() };
        let places = found.into_iter().chain(std::mem::take(&mut r.runners_up));
        others.extend(places.enumerate().map(|(i, p)| (p.rank, k, i, p)));
    }
    others.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let mut merged = reviews.into_iter().nth(best)?;
    merged.runners_up = others.into_iter().map(|o| o.3).collect();
    Some(merged)
}

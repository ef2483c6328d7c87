//! Word variants that do not change what was said, and words that do.
//!
//! All functions take *folded* keys (see [`crate::text::fold_word_into`]).
//! They are small closed lists on purpose: a variant list that guesses
//! ("colour"/"color", stemming) would hide real alterations.
//!
//! - [`same_number`]: `10` = `ten`, `1500` = `1,500` (folding already handles
//!   the comma), `first` = `1st`.
//! - [`joins_to`]: one word written as two (`extra-terrestrial` for
//!   `extraterrestrial`, `take downs` for `takedowns`) or a contraction
//!   (`don't` for `do not`, `can't` for `cannot`).
//! - [`is_negation`] and [`negation_prefix_pair`]: the meaning-critical words.

#![forbid(unsafe_code)]

/// The commonest English function words (folded; none longer than five bytes).
const STOP_WORDS: &[&str] = &[
    "the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "with",
    "from", "as", "that", "this", "these", "those", "it", "its", "is", "are", "was", "were", "be",
    "been", "i", "we", "you", "he", "she", "they", "me", "us", "him", "her", "them", "my", "our",
    "your", "his", "their", "will", "would", "can", "could", "do", "does", "did", "have", "has",
    "had", "so", "if", "then", "there", "here", "what", "which", "who", "not", "no", "just",
];

/// Is the folded word one of the commonest function words?
pub fn is_stop_word(key: &str) -> bool {
    // Every stop word is at most five bytes: longer keys are never one, and
    // the list is searched only for the short ones.
    key.len() <= 5 && STOP_WORDS.contains(&key)
}

/// Words that negate, for the `negation` flag.
const NEGATIONS: &[&str] = &[
    "not", "no", "never", "nothing", "none", "nobody", "neither", "nor", "nowhere", "cannot",
    "without", "nein", "nicht", "kein", "keine", "nie",
];

/// Prefixes that turn a word into its opposite (`unidentified`).
const NEGATING_PREFIXES: &[&str] = &["un", "in", "im", "ir", "il", "non", "dis", "a"];

const SMALL_NUMBERS: &[&str] = &[
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];
const TENS: &[(&str, u64)] = &[
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
    ("hundred", 100),
    ("thousand", 1000),
    ("million", 1_000_000),
    ("billion", 1_000_000_000),
];
const ORDINALS: &[&str] = &[
    "zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth",
];

/// `(contraction, first word, second word)`; the first and second word joined
/// by a space is what the contraction stands for.
const CONTRACTIONS: &[(&str, &str, &str)] = &[
    ("can't", "can", "not"),
    ("cannot", "can", "not"),
    ("won't", "will", "not"),
    ("shan't", "shall", "not"),
    ("ain't", "am", "not"),
    ("i'm", "i", "am"),
    ("let's", "let", "us"),
];
/// Suffixes that contract a second word onto any first word.
const CONTRACTED_SUFFIXES: &[(&str, &str)] = &[
    ("n't", "not"),
    ("'re", "are"),
    ("'ve", "have"),
    ("'ll", "will"),
    ("'d", "would"),
    ("'d", "had"),
    ("'s", "is"),
    ("'s", "has"),
    ("'m", "am"),
];

/// The value of a number written in digits or as a single English word.
pub fn number_value(key: &str) -> Option<u64> {
    if !key.is_empty() && key.bytes().all(|b| b.is_ascii_digit()) && key.len() <= 18 {
        return key.parse().ok();
    }
    if let Some(i) = SMALL_NUMBERS.iter().position(|&w| w == key) {
        return Some(i as u64);
    }
    if let Some(&(_, v)) = TENS.iter().find(|&&(w, _)| w == key) {
        return Some(v);
    }
    if let Some(i) = ORDINALS.iter().position(|&w| w == key) {
        return Some(i as u64);
    }
    for suffix in ["st", "nd", "rd", "th"] {
        if let Some(digits) = key.strip_suffix(suffix)
            && !digits.is_empty()
            && digits.bytes().all(|b| b.is_ascii_digit())
        {
            return digits.parse().ok();
        }
    }
    None
}

/// Does the word stand for a number (digits or a number word)?
pub fn is_number(key: &str) -> bool {
    key.bytes().any(|b| b.is_ascii_digit()) || number_value(key).is_some()
}

/// Are `a` and `b` the same number written differently (`10` and `ten`)?
pub fn same_number(a: &str, b: &str) -> bool {
    a != b && matches!((number_value(a), number_value(b)), (Some(x), Some(y)) if x == y)
}

/// Is the one word `whole` the two words `a` `b` written as one?
///
/// True for compounds and hyphenation (`extra` `terrestrial` →
/// `extraterrestrial`, `take` `downs` → `takedowns`) and for contractions
/// (`do` `not` → `don't`, `can` `not` → `cannot`, `we` `are` → `we're`).
pub fn joins_to(a: &str, b: &str, whole: &str) -> bool {
    // (`crate::vocab::shape_of` keeps, per word, what the first test and the
    // apostrophe test need, so the aligner can skip the call.)
    if whole.len() == a.len() + b.len() && whole.starts_with(a) && whole.ends_with(b) {
        // Two short function words that happen to spell a third ("a" "go" →
        // "ago") are not a compound.
        return a.len() + b.len() >= 6 && a.len() >= 2 && b.len() >= 2;
    }
    // Every other joined form is a contraction, written with an apostrophe
    // ("cannot" is caught above); the aligner asks this of many word pairs.
    if !whole.contains('\'') {
        return false;
    }
    if CONTRACTIONS
        .iter()
        .any(|&(c, x, y)| c == whole && x == a && y == b)
    {
        return true;
    }
    CONTRACTED_SUFFIXES.iter().any(|&(suffix, expanded)| {
        b == expanded
            // "don't" = "do" + "n't"; irregular ones ("won't") are listed above.
            && whole.strip_suffix(suffix) == Some(a)
    })
}

/// Is the folded word a negation ("not", "never", "don't", ...)?
pub fn is_negation(key: &str) -> bool {
    NEGATIONS.contains(&key) || key.ends_with("n't")
}

/// Is one word the other with a negating prefix (`identified` /
/// `unidentified`, `legal` / `illegal`)?
pub fn negation_prefix_pair(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() < b.len() { (a, b) } else { (b, a) };
    short.len() >= 3
        && long
            .strip_suffix(short)
            .is_some_and(|prefix| NEGATING_PREFIXES.contains(&prefix))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert!(same_number("twenty", "20"));
        assert!(same_number("first", "1st"));
        assert!(!same_number("20", "20"));
        assert!(is_number("3.5") || is_number("35"));
        assert!(!is_number("tenant"));
    }

    #[test]
    fn contractions_and_compounds() {
        assert!(joins_to("is", "not", "isn't"));
        assert!(joins_to("can", "not", "can't"));
        assert!(joins_to("will", "not", "won't"));
        assert!(joins_to("it", "is", "it's"));
        assert!(joins_to("i", "am", "i'm"));
        assert!(joins_to("take", "downs", "takedowns"));
        assert!(!joins_to("a", "go", "ago"));
        assert!(!joins_to("do", "not", "dont"));
    }

    #[test]
    fn negations() {
        for w in ["not", "no", "never", "can't", "won't", "cannot", "nothing"] {
            assert!(is_negation(w), "{w}");
        }
        for w in ["now", "know", "note", "can", "nation"] {
            assert!(!is_negation(w), "{w}");
        }
        assert!(negation_prefix_pair("unacceptable", "acceptable"));
        assert!(negation_prefix_pair("legal", "illegal"));
        assert!(!negation_prefix_pair("a", "aa"));
    }
}

/// The examples of this module's items (the module is internal, so
/// they run as unit tests rather than doc tests).
#[cfg(test)]
mod examples {
    #[test]
    fn is_stop_word_example() {
        assert!(crate::variants::is_stop_word("the"));
        assert!(!crate::variants::is_stop_word("hub"));
    }

    #[test]
    fn number_value_example() {
        use crate::variants::number_value;
        assert_eq!(number_value("ten"), Some(10));
        assert_eq!(number_value("1500"), Some(1500));
        assert_eq!(number_value("1st"), Some(1));
        assert_eq!(number_value("tent"), None);
    }

    #[test]
    fn same_number_example() {
        assert!(crate::variants::same_number("ten", "10"));
        assert!(!crate::variants::same_number("ten", "11"));
    }

    #[test]
    fn joins_to_example() {
        use crate::variants::joins_to;
        assert!(joins_to("do", "not", "don't"));
        assert!(joins_to("extra", "terrestrial", "extraterrestrial"));
        assert!(joins_to("we", "are", "we're"));
        assert!(!joins_to("we", "are", "were"));
    }

    #[test]
    fn is_negation_example() {
        assert!(crate::variants::is_negation("don't"));
        assert!(crate::variants::is_negation("never"));
        assert!(!crate::variants::is_negation("note"));
    }

    #[test]
    fn negation_prefix_pair_example() {
        use crate::variants::negation_prefix_pair;
        assert!(negation_prefix_pair("identified", "unidentified"));
        assert!(!negation_prefix_pair("identified", "identifies"));
    }
}

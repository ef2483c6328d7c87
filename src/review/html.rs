//! The HTML report: one self-contained file (inline CSS and script, no
//! network, no fonts to fetch) that opens in any browser.
//!
//! The article is shown with every quote highlighted in its verdict's
//! colour; selecting a quote (click, or Tab then Enter) shows its card
//! beside it: the verdict in words, the speaker per article and per source,
//! where it was found, the source passage with the differences marked
//! (deleted, inserted and changed words, meaning-critical ones called out),
//! the correction, the runners-up and, for a splice, both places. A summary
//! bar counts the verdicts. Without an article (a list of quotes) the cards
//! are listed. All text is escaped; the only script is the report's own.
//! Printing shows every card.
//!
//! No template engine: the page is a few fixed blocks around escaped text,
//! which `write!` does plainly and without a dependency.
//!
//! ```
//! use quotecheck::{Checker, SourceDoc, Store, review::{Review, html}};
//! let mut store = Store::new();
//! store.add(SourceDoc::new("hearing", "I will not raise taxes this year.").speaker("Ana Diaz"))?;
//! let article = "Ana Diaz said: “I will raise taxes this year.”";
//! let start = article.find('I').unwrap();
//! let end = start + "I will raise taxes this year.".len();
//! let mut checker = Checker::new();
//! let report = checker.check(&store, &article[start..end], Some("Ana Diaz"))?;
//! let page = html::render("Budget story", Some(article), &[Review::of(&report, Some(start..end))]);
//! assert!(page.contains(r#"<mark class="q sev-wrong v-altered""#));
//! assert!(page.contains("<del class=\"d-critical\">not</del>"));
//! # Ok::<(), quotecheck::Error>(())
//! ```

use std::fmt::Write as _;

use super::{Difference, Place, Review, Severity, verdict_words};
use crate::{EditOp, Verdict};

/// Escapes text for HTML element content and attribute values.
///
/// ```
/// assert_eq!(quotecheck::review::html::escape("<b>\"Tom & 'Jerry'\""), "&lt;b&gt;&quot;Tom &amp; &#39;Jerry&#39;&quot;");
/// ```
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The whole page. `title` names the article (a file name); `article` is
/// its text, when the quotes came from one (their `article_range`s are byte
/// ranges into it).
pub fn render(title: &str, article: Option<&str>, reviews: &[Review]) -> String {
    let mut page = String::new();
    let _ = write!(
        page,
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"quotecheck {}\">\n\
         <title>quotecheck: {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        env!("CARGO_PKG_VERSION"),
        escape(title)
    );
    let _ = write!(
        page,
        "<header>\n<h1>Quotes checked in <span class=\"name\">{}</span></h1>\n",
        escape(title)
    );
    summary(&mut page, reviews);
    page.push_str("</header>\n");
    let with_article = article.is_some();
    let _ = writeln!(
        page,
        "<main class=\"{}\">",
        if with_article {
            "layout"
        } else {
            "layout list"
        }
    );
    if let Some(text) = article {
        page.push_str("<article id=\"article\" aria-label=\"The article, quotes highlighted\">");
        article_body(&mut page, text, reviews);
        page.push_str("</article>\n");
    }
    let _ = write!(
        page,
        "<aside id=\"panel\" aria-live=\"polite\" aria-label=\"The selected quote\">\n{}",
        if with_article {
            "<p class=\"hint\" id=\"hint\">Select a highlighted quote (click, or Tab and Enter) to see what the source says.</p>\n"
        } else {
            ""
        }
    );
    for (i, r) in reviews.iter().enumerate() {
        card(&mut page, i, r, with_article);
    }
    page.push_str("</aside>\n</main>\n");
    page.push_str(LEGEND);
    let _ = write!(page, "<script>{SCRIPT}</script>\n</body>\n</html>\n");
    page
}

fn summary(page: &mut String, reviews: &[Review]) {
    page.push_str("<nav class=\"summary\" aria-label=\"Verdicts\">");
    let _ = write!(
        page,
        "<span class=\"total\">{} quote(s)</span>",
        reviews.len()
    );
    for v in Verdict::ALL {
        let n = reviews
            .iter()
            .filter(|r| r.verdict == v && r.error.is_none())
            .count();
        if n > 0 {
            let sev = Severity::of(v, crate::Flags::default());
            let _ = write!(
                page,
                "<span class=\"pill sev-{} v-{}\">{n} {}</span>",
                sev.name(),
                v.name(),
                v.name().replace('_', " ")
            );
        }
    }
    let errors = reviews.iter().filter(|r| r.error.is_some()).count();
    if errors > 0 {
        let _ = write!(
            page,
            "<span class=\"pill sev-wrong\">{errors} not checked</span>"
        );
    }
    page.push_str("</nav>\n");
}

/// The article text with each quote's range in a `<mark>`; overlapping or
/// out-of-range ranges are left unmarked (their cards still list them).
fn article_body(page: &mut String, text: &str, reviews: &[Review]) {
    let mut marks: Vec<(usize, usize, usize)> = reviews
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let range = r.article_range.clone()?;
            let ok = range.start <= range.end
                && range.end <= text.len()
                && text.is_char_boundary(range.start)
                && text.is_char_boundary(range.end);
            ok.then_some((range.start, range.end, i))
        })
        .collect();
    marks.sort();
    let mut at = 0;
    for (s, e, i) in marks {
        if s < at {
            continue;
        }
        page.push_str(&escape(&text[at..s]));
        let r = &reviews[i];
        let _ = write!(
            page,
            "<mark class=\"q sev-{} v-{}\" id=\"q{i}\" data-quote=\"{i}\" tabindex=\"0\" role=\"button\" \
             aria-controls=\"card{i}\" aria-label=\"Quote {}: {}\" title=\"{}\">{}</mark>",
            r.severity.name(),
            r.verdict.name(),
            i + 1,
            escape(r.verdict.name()),
            escape(verdict_words(r.verdict)),
            escape(&text[s..e])
        );
        at = e;
    }
    page.push_str(&escape(&text[at..]));
}

fn card(page: &mut String, i: usize, r: &Review, hidden: bool) {
    let _ = writeln!(
        page,
        "<section class=\"card sev-{}\" id=\"card{i}\" data-quote=\"{i}\" tabindex=\"-1\"{}>",
        r.severity.name(),
        if hidden { " hidden" } else { "" }
    );
    let _ = write!(
        page,
        "<h2><span class=\"badge sev-{} v-{}\">{}</span> <span class=\"words\">{}</span></h2>\n\
         <blockquote class=\"quote\">“{}”</blockquote>\n",
        r.severity.name(),
        r.verdict.name(),
        escape(&r.verdict.name().replace('_', " ")),
        escape(verdict_words(r.verdict)),
        escape(&r.quote)
    );
    if let Some(e) = &r.error {
        let _ = write!(
            page,
            "<p class=\"error\">Not checked: {}</p>\n</section>\n",
            escape(e)
        );
        return;
    }
    let notes: Vec<&str> = r.flags.names().collect();
    if !notes.is_empty() {
        let _ = writeln!(
            page,
            "<p class=\"notes\">Notes: {}</p>",
            escape(&notes.join(", "))
        );
    }
    if r.found_elsewhere == Some(true) {
        page.push_str(
            "<p class=\"notes elsewhere\">Not in the place it cites: found elsewhere.</p>\n",
        );
    }
    page.push_str("<dl>");
    let _ = write!(
        page,
        "<dt>Speaker per the article</dt><dd>{}</dd>",
        escape(r.claimed_speaker.as_deref().unwrap_or("nobody named"))
    );
    if let Some(place) = &r.found {
        let _ = write!(
            page,
            "<dt>Speaker per the source</dt><dd>{}</dd><dt>Found in</dt><dd>{}</dd>",
            escape(
                place
                    .speaker
                    .as_deref()
                    .unwrap_or("not given in the source")
            ),
            where_html(place)
        );
    }
    page.push_str("</dl>\n");
    if let Some(place) = &r.found {
        page.push_str("<p class=\"label\">The source, differences marked:</p>\n");
        passage(page, place, &r.differences);
    }
    if !r.differences.is_empty() {
        page.push_str("<ul class=\"diffs\">");
        for d in &r.differences {
            let _ = write!(
                page,
                "<li class=\"d-{}\">{}</li>",
                d.weight.name(),
                escape(&d.sentence)
            );
        }
        page.push_str("</ul>\n");
    }
    if let Some(fix) = &r.suggested_text {
        let _ = writeln!(
            page,
            "<p class=\"label\">Print instead:</p><blockquote class=\"fix\">“{}”</blockquote>",
            escape(fix)
        );
    }
    if let Some(who) = r.attribute_to() {
        let _ = writeln!(
            page,
            "<p class=\"label\">Attribute to:</p><p class=\"fix who\">{}</p>",
            escape(who)
        );
    }
    if !r.parts.is_empty() {
        page.push_str("<p class=\"label\">Spliced: the parts come from different places</p><ol class=\"parts\">");
        for (range, place) in &r.parts {
            let _ = write!(
                page,
                "<li>“{}” — {}<blockquote class=\"passage\">{}</blockquote></li>",
                escape(r.quote.get(range.clone()).unwrap_or("")),
                where_html(place),
                escape(&place.text)
            );
        }
        page.push_str("</ol>\n");
    }
    if !r.runners_up.is_empty() {
        page.push_str("<details class=\"others\"><summary>Also found</summary><ul>");
        for p in &r.runners_up {
            let _ = write!(
                page,
                "<li><span class=\"badge v-{}\">{}</span> {} (score {:.2}): “{}”</li>",
                p.verdict.name(),
                escape(&p.verdict.name().replace('_', " ")),
                where_html(p),
                p.score,
                escape(&p.text)
            );
        }
        page.push_str("</ul></details>\n");
    }
    page.push_str("</section>\n");
}

fn where_html(place: &Place) -> String {
    let mut s = match &place.title {
        Some(t) => format!(
            "<cite>{}</cite> <code>{}</code>",
            escape(t),
            escape(&place.source_id)
        ),
        None => format!("<code>{}</code>", escape(&place.source_id)),
    };
    let _ = write!(s, ", line {}, column {}", place.line, place.column);
    if let Some(t) = &place.time {
        let _ = write!(s, ", at {}", escape(t));
    }
    s
}

/// The matched passage with a little context, the differences marked: the
/// source's words the quote drops or changes in `<del>`, the quote's words
/// it adds or puts instead in `<ins>`, each with its weight's class.
fn passage(page: &mut String, place: &Place, diffs: &[Difference]) {
    let _ = write!(
        page,
        "<blockquote class=\"passage\"><span class=\"ctx\">…{}</span><span class=\"match\">",
        escape(&place.before)
    );
    let base = place.range.start;
    let text = &place.text;
    let mut marks: Vec<&Difference> = diffs
        .iter()
        .filter(|d| d.source_range.start >= base && d.source_range.end <= base + text.len())
        .collect();
    marks.sort_by_key(|d| (d.source_range.start, d.source_range.end));
    let mut at = 0;
    for d in marks {
        let (s, e) = (d.source_range.start - base, d.source_range.end - base);
        if s < at || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
            continue;
        }
        page.push_str(&escape(&text[at..s]));
        let class = format!("d-{}", d.weight.name());
        if d.op != EditOp::Insert && e > s {
            let _ = write!(page, "<del class=\"{class}\">{}</del>", escape(&text[s..e]));
        }
        if d.op != EditOp::Delete && !d.quote_text.is_empty() {
            let _ = write!(
                page,
                "<ins class=\"{class}\">{}</ins>",
                escape(&d.quote_text)
            );
        }
        at = e;
    }
    page.push_str(&escape(&text[at..]));
    let _ = writeln!(
        page,
        "</span><span class=\"ctx\">{}…</span></blockquote>",
        escape(&place.after)
    );
}

const LEGEND: &str = "<footer class=\"legend\"><h2>Legend</h2><ul>\
<li><span class=\"badge sev-good\">green</span> verbatim, or minor: cosmetic differences only</li>\
<li><span class=\"badge sev-check\">amber</span> ellipsis, or a note to look at (speaker not confirmed, crosses a turn)</li>\
<li><span class=\"badge sev-wrong\">red</span> altered, misattributed, not found</li>\
<li><del class=\"d-changed\">struck</del> the source's words the quote drops or changes; <ins class=\"d-changed\">underlined</ins> the quote's words instead; \
<del class=\"d-critical\">bold red</del> can change the meaning (a negation, a number, a name); <del class=\"d-harmless\">grey</del> harmless</li>\
</ul></footer>\n";

const STYLE: &str = r#"
:root{--good:#1b7f3b;--good-bg:#dcf3e3;--check:#8a5a00;--check-bg:#fdf0cf;--wrong:#b42318;--wrong-bg:#fde3e0;--ink:#1d1d1f;--muted:#5f6368;--line:#d0d4d9}
*{box-sizing:border-box}
body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:#fff}
header{padding:12px 16px;border-bottom:1px solid var(--line);position:sticky;top:0;background:#fff;z-index:1}
h1{font-size:1.15rem;margin:0 0 6px}
h1 .name{font-family:ui-monospace,Menlo,Consolas,monospace;font-weight:normal}
.summary{display:flex;flex-wrap:wrap;gap:6px;align-items:center}
.total{color:var(--muted);margin-right:4px}
.pill,.badge{display:inline-block;border-radius:999px;padding:1px 10px;font-size:.85rem;font-weight:600;white-space:nowrap}
.sev-good.pill,.sev-good.badge{background:var(--good-bg);color:var(--good)}
.sev-check.pill,.sev-check.badge{background:var(--check-bg);color:var(--check)}
.sev-wrong.pill,.sev-wrong.badge{background:var(--wrong-bg);color:var(--wrong)}
.badge:not([class*=sev-]){background:#eef0f2;color:var(--muted)}
.layout{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:16px;padding:16px;max-width:1200px;margin:0 auto}
.layout.list{grid-template-columns:minmax(0,1fr)}
#article{white-space:pre-wrap;overflow-wrap:anywhere;font-family:Georgia,"Times New Roman",serif;font-size:1.05rem}
mark.q{cursor:pointer;border-radius:3px;padding:0 1px;color:inherit}
mark.sev-good{background:var(--good-bg);box-shadow:inset 0 -2px var(--good)}
mark.sev-check{background:var(--check-bg);box-shadow:inset 0 -2px var(--check)}
mark.sev-wrong{background:var(--wrong-bg);box-shadow:inset 0 -2px var(--wrong)}
mark.q:focus{outline:3px solid #1a73e8;outline-offset:1px}
mark.q.selected{outline:3px solid var(--ink);outline-offset:1px}
#panel{align-self:start;position:sticky;top:96px;max-height:calc(100vh - 112px);overflow:auto}
.layout.list #panel{position:static;max-height:none;overflow:visible}
.card{border:1px solid var(--line);border-left:6px solid var(--line);border-radius:8px;padding:12px 14px;margin-bottom:12px;overflow-wrap:break-word;min-width:0}
.card.sev-good{border-left-color:var(--good)}.card.sev-check{border-left-color:var(--check)}.card.sev-wrong{border-left-color:var(--wrong)}
.card h2{font-size:1rem;margin:0 0 8px}.card .words{font-weight:normal;color:var(--muted)}
blockquote{margin:6px 0;padding:6px 10px;background:#f6f7f8;border-radius:6px}
.quote{font-style:italic}.fix{background:var(--good-bg)}
.passage .ctx{color:var(--muted)}.passage .match{background:#fff7c2}
dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 10px;margin:6px 0}dt{color:var(--muted)}dd{margin:0}
.label{margin:8px 0 2px;color:var(--muted);font-size:.9rem}
del,ins{text-decoration-thickness:2px;border-radius:2px;padding:0 1px}
del{text-decoration-line:line-through}ins{text-decoration-line:underline}
.d-harmless{color:var(--muted);background:#eef0f2}
.d-changed{background:var(--check-bg);color:var(--check)}
.d-critical{background:var(--wrong-bg);color:var(--wrong);font-weight:700}
.diffs{padding-left:18px;margin:6px 0}.diffs li.d-critical{background:none}.diffs li.d-harmless{background:none}.diffs li.d-changed{background:none}
.notes{color:var(--check)}.error{color:var(--wrong)}.hint{color:var(--muted)}
.legend{max-width:1200px;margin:0 auto;padding:0 16px 24px;color:var(--muted);font-size:.9rem}.legend h2{font-size:1rem}
@media (max-width:720px){.layout{grid-template-columns:minmax(0,1fr);padding:10px}#panel{position:static;max-height:none}header{position:static}dl{grid-template-columns:minmax(0,1fr)}dd{margin-bottom:4px}code{overflow-wrap:anywhere}}
@media print{header{position:static}.layout{display:block}#panel{position:static;max-height:none;overflow:visible}.card[hidden]{display:block}.hint{display:none}.card{break-inside:avoid}details.others{display:block}}
"#;

const SCRIPT: &str = r#"
(function(){
  var marks=[].slice.call(document.querySelectorAll('mark.q'));
  var hint=document.getElementById('hint');
  function show(i,focusCard){
    [].forEach.call(document.querySelectorAll('#panel .card'),function(c){c.hidden=c.getAttribute('data-quote')!==String(i);});
    marks.forEach(function(m){var on=m.getAttribute('data-quote')===String(i);m.classList.toggle('selected',on);m.setAttribute('aria-expanded',on?'true':'false');});
    if(hint){hint.hidden=true;}
    var card=document.getElementById('card'+i);
    if(card&&window.matchMedia&&window.matchMedia('(max-width:720px)').matches){card.scrollIntoView({block:'start'});}
    if(card&&focusCard){card.focus();}
  }
  marks.forEach(function(m,k){
    m.addEventListener('click',function(){show(m.getAttribute('data-quote'),false);});
    m.addEventListener('keydown',function(e){
      if(e.key==='Enter'||e.key===' '){e.preventDefault();show(m.getAttribute('data-quote'),false);}
      else if(e.key==='ArrowDown'||e.key==='ArrowRight'){e.preventDefault();var n=marks[Math.min(k+1,marks.length-1)];n.focus();show(n.getAttribute('data-quote'),false);}
      else if(e.key==='ArrowUp'||e.key==='ArrowLeft'){e.preventDefault();var p=marks[Math.max(k-1,0)];p.focus();show(p.getAttribute('data-quote'),false);}
    });
  });
})();
"#;

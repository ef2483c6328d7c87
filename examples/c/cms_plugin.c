/*
 * A CMS plugin built on quotecheck's C API.
 *
 * The CMS calls plugin_open() once when it starts (the newsroom's sources
 * are loaded and indexed then), plugin_on_save() each time an editor saves
 * an article, and plugin_close() at shutdown. On save, the plugin checks
 * every quote of the article and writes one JSON line per quote: where the
 * quote is (byte and code-point offsets), its verdict, the source span that
 * matched, who speaks there, and the differences. The CMS turns these lines
 * into annotations in its editor.
 *
 * This file also has a main() that stands in for the CMS:
 *
 *     cms_plugin SOURCES_DIR ARTICLE...
 *
 * SOURCES_DIR is a folder of source files, read recursively, each folder
 * described by a sources.json manifest (ids, titles, speakers, transcript
 * labels; see examples/data/sources and qc_store_add_folder).
 *
 * Build: see the Makefile next to this file (C99, no dependencies beyond
 * the quotecheck library and libc).
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quotecheck.h"

/* ---- small helpers ---------------------------------------------------- */

/* Reads a whole file; the caller frees *out. Returns 0 on success. */
static int read_file(const char *path, char **out, size_t *len) {
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0;
    if (f == NULL) {
        return -1;
    }
    for (;;) {
        size_t got;
        if (n == cap) {
            char *bigger;
            cap = cap ? cap * 2 : 65536;
            bigger = realloc(buf, cap);
            if (bigger == NULL) {
                free(buf);
                fclose(f);
                return -1;
            }
            buf = bigger;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) {
            break;
        }
    }
    fclose(f);
    *out = buf;
    *len = n;
    return 0;
}

/* Writes bytes as the inside of a JSON string. */
static void json_bytes(FILE *out, const char *s, size_t len) {
    size_t i;
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '"': fputs("\\\"", out); break;
        case '\\': fputs("\\\\", out); break;
        case '\n': fputs("\\n", out); break;
        case '\r': fputs("\\r", out); break;
        case '\t': fputs("\\t", out); break;
        default:
            if (c < 0x20) {
                fprintf(out, "\\u%04x", c);
            } else {
                fputc(c, out);
            }
        }
    }
}

static void json_str(FILE *out, qc_str s) {
    fputc('"', out);
    json_bytes(out, s.ptr, s.len);
    fputc('"', out);
}

static void report_error(const char *what, qc_status status, const qc_error *err) {
    fprintf(stderr, "cms_plugin: %s: %s: %s\n", what, qc_status_str(status),
            qc_error_message(err, NULL));
}

/* ---- the plugin ------------------------------------------------------- */

struct plugin {
    qc_store *store;     /* the newsroom's sources, built once */
    qc_checker *checker; /* one per worker thread; this CMS has one */
    qc_error *err;       /* reused for every call */
};

/* Loads the sources of DIR: every file of the folder tree, described by the
 * sources.json manifests (the same rules as the quotecheck command and the
 * Python package). Returns NULL on failure. */
static struct plugin *plugin_open(const char *dir) {
    struct plugin *p = calloc(1, sizeof *p);
    size_t added = 0;
    qc_status st;

    if (p == NULL) {
        return NULL;
    }
    if (qc_abi_version() != QC_ABI_VERSION) {
        fprintf(stderr, "cms_plugin: built for ABI %d, library has %u\n", QC_ABI_VERSION,
                (unsigned)qc_abi_version());
        free(p);
        return NULL;
    }
    p->store = qc_store_new();
    p->checker = qc_checker_new();
    p->err = qc_error_new();
    if (p->store == NULL || p->checker == NULL || p->err == NULL) {
        goto fail;
    }
    st = qc_store_add_folder(p->store, (const uint8_t *)dir, strlen(dir), &added, p->err);
    if (st != QC_OK) {
        report_error(dir, st, p->err);
        goto fail;
    }
    fprintf(stderr, "cms_plugin: %zu source(s) from %s\n", added, dir);
    return p;
fail:
    qc_error_free(p->err);
    qc_checker_free(p->checker);
    qc_store_free(p->store);
    free(p);
    return NULL;
}

static void plugin_close(struct plugin *p) {
    if (p == NULL) {
        return;
    }
    qc_error_free(p->err);
    qc_checker_free(p->checker);
    qc_store_free(p->store);
    free(p);
}

/* The hook: the article was saved. Writes one JSON line per quote to out. */
static int plugin_on_save(struct plugin *p, const char *name, const char *article,
                          size_t len, FILE *out) {
    size_t count = 0, i, e;
    qc_status st = qc_checker_check_article(p->checker, p->store, (const uint8_t *)article,
                                            len, &count, p->err);
    if (st != QC_OK) {
        report_error(name, st, p->err);
        return -1;
    }
    for (i = 0; i < count; i++) {
        qc_article_check c;
        qc_str fix;
        uint32_t bit;
        int first = 1;
        st = qc_checker_article_check(p->checker, i, &c, p->err);
        if (st != QC_OK) {
            report_error(name, st, p->err);
            return -1;
        }
        if (c.quote.nested_in != QC_NO_INDEX) {
            continue; /* reported inside its outer quote */
        }
        fputs("{\"article\":\"", out);
        json_bytes(out, name, strlen(name));
        fprintf(out, "\",\"start\":%zu,\"end\":%zu,\"char_start\":%zu,\"char_end\":%zu,",
                c.quote.start, c.quote.end, c.quote.char_start, c.quote.char_end);
        fputs("\"text\":", out);
        json_str(out, c.quote.text);
        fprintf(out, ",\"kind\":\"%s\",\"speaker\":",
                c.quote.kind == QC_QUOTE_SPEECH ? "speech" : "other");
        if (c.quote.has_speaker) {
            json_str(out, c.quote.speaker);
        } else {
            fputs("null", out);
        }
        if (!c.checked) {
            fputs(",\"verdict\":null}\n", out);
            continue;
        }
        if (c.status != QC_OK) {
            fprintf(out, ",\"verdict\":null,\"error\":\"%s\"}\n", qc_status_str(c.status));
            continue;
        }
        fprintf(out, ",\"verdict\":\"%s\",\"score\":%.3f", qc_verdict_str(c.report.verdict),
                (double)c.report.score);
        if (c.report.match_count == 0) {
            fputs("}\n", out);
            continue;
        }
        fputs(",\"source\":", out);
        json_str(out, c.best.source_id);
        fprintf(out, ",\"source_start\":%zu,\"source_end\":%zu,\"source_speaker\":",
                c.best.start, c.best.end);
        if (c.best.speaker_kind == QC_SPEAKER_NAMED) {
            json_str(out, c.best.speaker);
        } else {
            fputs(c.best.speaker_kind == QC_SPEAKER_UNKNOWN ? "\"unknown\"" : "null", out);
        }
        fputs(",\"flags\":[", out);
        for (bit = 1; bit != 0; bit <<= 1) {
            if (c.report.flags & bit) {
                fprintf(out, "%s\"%s\"", first ? "" : ",", qc_flag_str(bit));
                first = 0;
            }
        }
        fputs("],\"changes\":[", out);
        for (e = 0; e < c.best.edit_count; e++) {
            qc_edit ed;
            st = qc_checker_article_edit(p->checker, i, e, &ed, p->err);
            if (st != QC_OK) {
                report_error(name, st, p->err);
                return -1;
            }
            fprintf(out, "%s{\"op\":\"%s\",\"change\":\"%s\",\"quote\":", e ? "," : "",
                    qc_edit_op_str(ed.op), qc_change_str(ed.change));
            json_str(out, ed.quote_text);
            fputs(",\"source\":", out);
            json_str(out, ed.source_text);
            fputc('}', out);
        }
        /* The correction an editor would print, or null. */
        st = qc_checker_article_suggested_text(p->checker, i, &fix, p->err);
        if (st != QC_OK) {
            report_error(name, st, p->err);
            return -1;
        }
        fputs("],\"suggested_text\":", out);
        if (fix.ptr != NULL) {
            json_str(out, fix);
        } else {
            fputs("null", out);
        }
        fputs("}\n", out);
    }
    return 0;
}

int main(int argc, char **argv) {
    struct plugin *p;
    int i, failed = 0;

    if (argc < 3) {
        fprintf(stderr, "usage: cms_plugin SOURCES_DIR ARTICLE...\n");
        return 2;
    }
    if (qc_version_number() != QC_VERSION_NUMBER) {
        fprintf(stderr, "cms_plugin: header %s, library %s\n", QC_VERSION_STRING, qc_version());
    }
    p = plugin_open(argv[1]);
    if (p == NULL) {
        return 1;
    }
    for (i = 2; i < argc; i++) {
        char *article = NULL;
        size_t len = 0;
        if (read_file(argv[i], &article, &len) != 0) {
            fprintf(stderr, "cms_plugin: cannot read %s\n", argv[i]);
            failed = 1;
            continue;
        }
        if (plugin_on_save(p, argv[i], article, len, stdout) != 0) {
            failed = 1;
        }
        free(article);
    }
    plugin_close(p);
    return failed;
}

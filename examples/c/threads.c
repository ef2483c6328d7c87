/*
 * Many threads, one store: each thread has its own qc_checker and checks
 * the same quotes against one shared, read-only qc_store. Every thread must
 * get the verdicts the main thread got alone.
 *
 *     threads SOURCE_FILE SPEAKER QUOTES_FILE [THREADS [ROUNDS]]
 *
 * SOURCE_FILE is one source text (spoken by SPEAKER); QUOTES_FILE has one
 * quote per line. Exit status 0 when every thread agreed.
 */

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quotecheck.h"

#define MAX_QUOTES 64
#define MAX_THREADS 16

static const qc_store *shared_store;
static const char *quotes[MAX_QUOTES];
static size_t quote_count;
static uint32_t expected[MAX_QUOTES];
static int rounds = 20;

struct job {
    int failures;
};

static char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;
    if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0) {
        if (f) {
            fclose(f);
        }
        return NULL;
    }
    rewind(f);
    buf = malloc((size_t)n + 1);
    if (buf == NULL || fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        fclose(f);
        return NULL;
    }
    fclose(f);
    buf[n] = '\0';
    *len = (size_t)n;
    return buf;
}

/* Checks every quote; stores verdicts in `out`. Returns 0 on success. */
static int check_all(qc_checker *checker, uint32_t *out) {
    size_t i;
    for (i = 0; i < quote_count; i++) {
        qc_report r;
        qc_status st = qc_checker_check(checker, shared_store, (const uint8_t *)quotes[i],
                                        strlen(quotes[i]), NULL, 0, &r, NULL);
        if (st != QC_OK) {
            fprintf(stderr, "threads: check failed: %s\n", qc_status_str(st));
            return -1;
        }
        out[i] = r.verdict;
    }
    return 0;
}

static void *worker(void *arg) {
    struct job *job = arg;
    qc_checker *checker = qc_checker_new();
    uint32_t got[MAX_QUOTES];
    int r;
    size_t i;
    for (r = 0; r < rounds; r++) {
        if (check_all(checker, got) != 0) {
            job->failures++;
            continue;
        }
        for (i = 0; i < quote_count; i++) {
            if (got[i] != expected[i]) {
                job->failures++;
            }
        }
    }
    qc_checker_free(checker);
    return NULL;
}

int main(int argc, char **argv) {
    size_t text_len = 0, quotes_len = 0;
    char *text, *all_quotes, *line;
    int threads = 4, i, failures = 0;
    qc_store *store;
    qc_source *src = NULL;
    qc_checker *checker;
    pthread_t ids[MAX_THREADS];
    struct job jobs[MAX_THREADS];

    if (argc < 4) {
        fprintf(stderr, "usage: threads SOURCE_FILE SPEAKER QUOTES_FILE [THREADS [ROUNDS]]\n");
        return 2;
    }
    if (argc > 4) {
        threads = atoi(argv[4]);
    }
    if (argc > 5) {
        rounds = atoi(argv[5]);
    }
    if (threads < 1 || threads > MAX_THREADS) {
        threads = 4;
    }
    text = read_file(argv[1], &text_len);
    all_quotes = read_file(argv[3], &quotes_len);
    if (text == NULL || all_quotes == NULL) {
        fprintf(stderr, "threads: cannot read input\n");
        free(text);
        free(all_quotes);
        return 2;
    }
    for (line = strtok(all_quotes, "\n"); line && quote_count < MAX_QUOTES;
         line = strtok(NULL, "\n")) {
        quotes[quote_count++] = line;
    }

    /* Build the store on this thread; from here on it is only read. */
    store = qc_store_new();
    if (qc_source_new((const uint8_t *)"source", 6, (const uint8_t *)text, text_len, &src,
                      NULL) != QC_OK ||
        qc_source_set_speaker(src, (const uint8_t *)argv[2], strlen(argv[2]), NULL) != QC_OK ||
        qc_store_add(store, src, NULL, NULL) != QC_OK) {
        fprintf(stderr, "threads: cannot build the store\n");
        return 1;
    }
    qc_source_free(src);
    free(text);
    shared_store = store;

    checker = qc_checker_new();
    if (check_all(checker, expected) != 0) {
        return 1;
    }
    qc_checker_free(checker);

    for (i = 0; i < threads; i++) {
        jobs[i].failures = 0;
        if (pthread_create(&ids[i], NULL, worker, &jobs[i]) != 0) {
            fprintf(stderr, "threads: pthread_create failed\n");
            return 1;
        }
    }
    for (i = 0; i < threads; i++) {
        pthread_join(ids[i], NULL);
        failures += jobs[i].failures;
    }
    printf("%d threads x %d rounds x %zu quotes: %d disagreements\n", threads, rounds,
           quote_count, failures);
    for (i = 0; i < (int)quote_count; i++) {
        printf("%s\t%s\n", qc_verdict_str(expected[i]), quotes[i]);
    }
    qc_store_free(store);
    free(all_quotes);
    return failures == 0 ? 0 : 1;
}

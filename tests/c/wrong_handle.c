/* Handles of the wrong type, freed handles and NULLs are refused with
 * QC_ERR_INVALID_HANDLE / QC_ERR_NULL_ARG, without reading past the end of
 * the (smaller) object passed: run under valgrind and AddressSanitizer. */
#include <stdio.h>
#include <string.h>
#include "quotecheck.h"

#define EXPECT(cond)                                                      \
    do {                                                                  \
        if (!(cond)) {                                                    \
            fprintf(stderr, "%s:%d: failed: %s\n", __FILE__, __LINE__, #cond); \
            return 1;                                                     \
        }                                                                 \
    } while (0)

int main(void) {
    qc_error *err = qc_error_new();
    qc_store *store = qc_store_new();
    qc_checker *checker = qc_checker_new();
    qc_extractor *extractor = qc_extractor_new();
    qc_report report;
    size_t count = 0;
    const char *quote = "we will not raise taxes";

    /* A store (or an error object) where a checker is expected, and back. */
    EXPECT(qc_checker_check((qc_checker *)(void *)store, store, (const uint8_t *)quote,
                            strlen(quote), NULL, 0, &report, err) == QC_ERR_INVALID_HANDLE);
    EXPECT(qc_error_code(err) == QC_ERR_INVALID_HANDLE);
    EXPECT(qc_checker_check((qc_checker *)(void *)err, store, (const uint8_t *)quote,
                            strlen(quote), NULL, 0, &report, err) == QC_ERR_INVALID_HANDLE);
    EXPECT(qc_checker_check(checker, (const qc_store *)(const void *)checker,
                            (const uint8_t *)quote, strlen(quote), NULL, 0, &report, err)
           == QC_ERR_INVALID_HANDLE);
    EXPECT(qc_extractor_extract((qc_extractor *)(void *)store, (const uint8_t *)quote,
                                strlen(quote), &count, err) == QC_ERR_INVALID_HANDLE);
    /* An error object that is not one: the call still answers. */
    EXPECT(qc_error_code((const qc_error *)(const void *)store) == QC_ERR_INVALID_HANDLE);
    EXPECT(strcmp(qc_error_message((const qc_error *)(const void *)store, NULL), "") == 0);
    EXPECT(qc_store_len((const qc_store *)(const void *)err) == 0);
    /* Freeing the wrong type does nothing. */
    qc_store_free((qc_store *)(void *)checker);
    qc_checker_free((qc_checker *)(void *)err);
    /* NULLs. */
    EXPECT(qc_checker_check(NULL, store, (const uint8_t *)quote, strlen(quote), NULL, 0,
                            &report, err) == QC_ERR_NULL_ARG);
    /* The real handles still work. */
    EXPECT(qc_checker_check(checker, store, (const uint8_t *)quote, strlen(quote), NULL, 0,
                            &report, err) == QC_OK);
    EXPECT(report.verdict == QC_VERDICT_NOT_FOUND);

    qc_extractor_free(extractor);
    qc_checker_free(checker);
    qc_store_free(store);
    qc_error_free(err);
    puts("ok");
    return 0;
}

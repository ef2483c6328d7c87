/* The header compiles as C99 on its own, twice included, with every
 * warning on; and its version macros are usable in the preprocessor. */
#include "quotecheck.h"
#include "quotecheck.h"

#if QC_VERSION_NUMBER < 100
#error "QC_VERSION_NUMBER is not a number"
#endif

int main(void) {
    qc_str s = {0, 0};
    (void)s;
    return qc_abi_version() == QC_ABI_VERSION ? 0 : 1;
}

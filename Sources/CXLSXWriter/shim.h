/* libxlsxwriter (Debian libxlsxwriter-dev): writes XLSX workbooks for the `xlsx` artifacts. */
#include <xlsxwriter.h>

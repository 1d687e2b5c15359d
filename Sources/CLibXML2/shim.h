/* libxml2 built with ICU includes <unicode/ucnv.h> from encoding.h, which clashes with the
   ICU copy inside Swift's Foundation. The project never touches xmlCharEncodingHandler (the
   only declaration that needs ICU types), so the ICU part of the headers is switched off. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlerror.h>

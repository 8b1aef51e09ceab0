/*
** report_page.c - the page around the charts: head, style, the inlined chart
** library, the record of the run, the meta and data the script draws from.
**
** Errors in the page's scripts are counted from the very first script on
** (before the chart library loads), so that a library that fails to load is
** seen too; the browser test reads the count from the body's data-errors.
*/
#include "report/report_internal.h"

#include <stdlib.h>
#include <string.h>
#include <humsec/version.h>

const char report_style[] =
    "body { font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;\n"
    "  margin: 0; color: #222; background: #fafafa; }\n"
    "header { background: #263445; color: #fff; padding: 16px 28px; }\n"
    "header h1 { margin: 0 0 4px; font-size: 22px; }\n"
    "header p { margin: 0; color: #cdd6e0; }\n"
    "main, .meta { padding: 8px 28px; }\n"
    "section { margin: 18px 0 28px; }\n"
    "h2 { font-size: 18px; border-bottom: 2px solid #263445; padding-bottom: 4px; }\n"
    "p.lead { max-width: 70em; }\n"
    ".grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(660px, 1fr));\n"
    "  gap: 18px; }\n"
    "figure.chart { margin: 0; background: #fff; border: 1px solid #ddd; border-radius: 4px;\n"
    "  padding: 10px 14px; min-width: 0; }\n"
    "figure.wide { grid-column: 1 / -1; }\n"
    "figure h3 { margin: 0 0 2px; font-size: 15px; }\n"
    "p.explain { margin: 0 0 6px; color: #555; font-size: 13px; }\n"
    "p.empty { color: #a00; }\n"
    "p.note { margin: 4px 0; color: #444; }\n"
    "table.record { border-collapse: collapse; font-size: 13px; }\n"
    "table.record th { text-align: left; padding: 2px 14px 2px 0; color: #555;\n"
    "  font-weight: normal; }\n"
    "table.record td { padding: 2px 0; font-family: ui-monospace, monospace; }\n"
    "pre { background: #f0f0f0; padding: 8px; overflow: auto; max-height: 30em; }\n"
    "#hs-status { color: #555; font-size: 12px; padding: 8px 28px 24px; }\n"
    ".vega-bindings { font-size: 13px; margin-top: 4px; }\n";

/* Counts every error from here on: window.hsErrors, window.hsError(e). */
static const char error_catcher[] =
    "<script>window.hsErrors = [];\n"
    "window.hsError = function (e) { window.hsErrors.push(String(e && e.message || e)); };\n"
    "window.addEventListener('error', function (ev) { window.hsError(ev.message || ev); });\n"
    "window.addEventListener('unhandledrejection', function (ev) { window.hsError(ev.reason); "
    "});\n"
    "(function () { var ce = console.error; console.error = function () {\n"
    "  window.hsError(Array.prototype.join.call(arguments, ' ')); return ce.apply(console, "
    "arguments);\n"
    "}; })();</script>\n";

/* Text in HTML: &, < and > escaped. */
static void put_html(FILE *out, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&':
            fputs("&amp;", out);
            break;
        case '<':
            fputs("&lt;", out);
            break;
        case '>':
            fputs("&gt;", out);
            break;
        case '"':
            fputs("&quot;", out);
            break;
        default:
            fputc(*s, out);
        }
    }
}

/* The page's script holds no "</script" of its own (checked by the tests). */
hs_status report_page_write(FILE *out, const report_ctx *r, const char *js_dir, hs_error *err)
{
    const char *title = json_string_value(json_object_get(r->meta, "title"));
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n", out);
    fputs("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n", out);
    fprintf(out, "<meta name=\"generator\" content=\"humsec %s\">\n", hs_version());
    fputs("<title>", out);
    put_html(out, title ? title : "humsec report");
    fputs("</title>\n", out);
    fputs(error_catcher, out);
    fprintf(out, "<style>\n%s</style>\n", report_style);
    hs_status st = report_vega_write(out, js_dir, err);
    if (st != HS_OK) return st;
    fputs("</head>\n<body data-status=\"loading\">\n", out);
    fputs("<header><h1 id=\"hs-title\"></h1><p id=\"hs-subtitle\"></p></header>\n", out);
    fputs("<div class=\"meta\"><div id=\"hs-notes\"></div></div>\n", out);
    fputs("<main id=\"hs-main\"></main>\n", out);
    fputs("<div class=\"meta\"><h2>Record of the run</h2>\n"
          "<table class=\"record\"><tbody id=\"hs-record\"></tbody></table>\n"
          "<div id=\"hs-files\"></div></div>\n",
          out);
    fputs("<p id=\"hs-status\">Drawing the charts...</p>\n", out);
    /* What to show. */
    fputs("<script type=\"application/json\" id=\"hs-meta\">", out);
    char *m = json_dumps(r->meta, JSON_COMPACT);
    if (!m) return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    report_put_json_text(out, m);
    free(m);
    fputs("</script>\n", out);
    /* The data, streamed from the output's files. */
    fputs("<script type=\"application/json\" id=\"hs-data\">{", out);
    for (int i = 0; i < r->ndata; i++) {
        if (i) fputs(",\n", out);
        report_put_json_str(out, r->data[i].name);
        fputc(':', out);
        if ((st = report_data_write(out, &r->data[i], err)) != HS_OK) return st;
    }
    fputs("}</script>\n", out);
    fprintf(out, "<script>\n%s</script>\n</body>\n</html>\n", report_script);
    return HS_OK;
}

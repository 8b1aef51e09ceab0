/*
** report_vega.c - the chart library, inlined into the page from Debian's
** libjs-vega.
**
** Debian ships Vega not as the one vega.min.js of its web site but as its
** modules (vega-util, vega-scale, ... in /usr/share/javascript/vega), each a
** UMD script. Loaded as plain scripts each would set the global `vega` to its
** own exports and lose the others', so every module is wrapped in a function
** that gives it a CommonJS `module`, `exports` and `require`; `require` hands
** a module the exports of those inlined before it, in dependency order. The
** d3 parts Vega needs are bundled inside Debian's modules (vega-scale holds
** d3-scale, d3-interpolate, ...); only topojson-client is a package of its own
** (in libjs-vega too). After the last module, the `vega` global is assembled
** the way Vega's own index does: every module's exports in one object and the
** transforms registered with the dataflow. Geographic projections (which need
** d3-geo-projection, not packaged) and the word cloud, voronoi and force
** layouts are left out: the page draws its maps on plain linear scales.
*/
#include "report/report_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <humsec/outdir.h>

#define VEGA_PACKAGE "libjs-vega"
#define JS_DIR_DEFAULT "/usr/share/javascript"

typedef struct vega_module {
    const char *name; /* what require() asks for */
    const char *file; /* under the script folder */
} vega_module;

/* In dependency order: each needs only modules above it. */
static const vega_module modules[] = {
    {"topojson-client", "topojson-client/topojson-client.min.js"},
    {"vega-util", "vega/vega-util.min.js"},
    {"vega-time", "vega/vega-time.min.js"},
    {"vega-format", "vega/vega-format.min.js"},
    {"vega-loader", "vega/vega-loader.min.js"},
    {"vega-dataflow", "vega/vega-dataflow.min.js"},
    {"vega-scale", "vega/vega-scale.min.js"},
    {"vega-canvas", "vega/vega-canvas.min.js"},
    {"vega-scenegraph", "vega/vega-scenegraph.min.js"},
    {"vega-expression", "vega/vega-expression.min.js"},
    {"vega-selections", "vega/vega-selection.min.js"},
    {"vega-statistics", "vega/vega-statistics.min.js"},
    {"vega-functions", "vega/vega-functions.min.js"},
    {"vega-event-selector", "vega/vega-event-selector.min.js"},
    {"vega-parser", "vega/vega-parser.min.js"},
    {"vega-runtime", "vega/vega-runtime.min.js"},
    {"vega-view", "vega/vega-view.min.js"},
    {"vega-transforms", "vega/vega-transforms.min.js"},
    {"vega-view-transforms", "vega/vega-view-transforms.min.js"},
    {"vega-encode", "vega/vega-encode.min.js"},
};
#define NMODULES (sizeof modules / sizeof *modules)

/* The loader, before the first module. */
static const char loader[] =
    "<script>var hsModules = {};\n"
    "function hsRequire(name) {\n"
    "  if (!(name in hsModules)) throw new Error('humsec report: Vega module ' + name +\n"
    "    ' was not inlined');\n"
    "  return hsModules[name];\n"
    "}</script>\n";

/* After the last: the `vega` global, as Vega's own index builds it. */
static const char assemble[] =
    "<script>var vega = (function (m) {\n"
    "  var v = {};\n"
    "  ['vega-util', 'vega-time', 'vega-format', 'vega-loader', 'vega-dataflow', 'vega-scale',\n"
    "   'vega-scenegraph', 'vega-expression', 'vega-statistics', 'vega-functions',\n"
    "   'vega-event-selector', 'vega-parser', 'vega-runtime', 'vega-view']\n"
    "    .forEach(function (k) { Object.assign(v, m[k]); });\n"
    "  Object.assign(m['vega-dataflow'].transforms, m['vega-transforms'],\n"
    "    m['vega-view-transforms'], m['vega-encode']);\n"
    "  return v;\n"
    "})(hsModules);</script>\n";

static char *module_path(const char *js_dir, const vega_module *m)
{
    return hs_path_join(js_dir ? js_dir : JS_DIR_DEFAULT, m->file);
}

hs_status report_vega_check(const char *js_dir, hs_error *err)
{
    for (size_t i = 0; i < NMODULES; i++) {
        char *p = module_path(js_dir, &modules[i]);
        if (!p) return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
        FILE *f = fopen(p, "rb");
        if (!f) {
            hs_error_set(err, HS_ERR_IO, p, 0, NULL,
                         "the chart library is missing (%s): install Debian's package " VEGA_PACKAGE
                         " (apt-get install " VEGA_PACKAGE
                         ", or scripts/install-deps.sh as root), which humsec report inlines "
                         "into the page",
                         strerror(errno));
            free(p);
            return HS_ERR_IO;
        }
        fclose(f);
        free(p);
    }
    return HS_OK;
}

/* Copy a file into out; the error names it. */
static hs_status copy_file(FILE *out, const char *path, hs_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return hs_error_set(err, HS_ERR_IO, path, 0, NULL, "%s (package " VEGA_PACKAGE ")",
                            strerror(errno));
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        fwrite(buf, 1, n, out);
    int bad = ferror(f);
    fclose(f);
    if (bad) return hs_error_set(err, HS_ERR_IO, path, 0, NULL, "read error");
    return HS_OK;
}

hs_status report_vega_write(FILE *out, const char *js_dir, hs_error *err)
{
    fputs(loader, out);
    for (size_t i = 0; i < NMODULES; i++) {
        char *p = module_path(js_dir, &modules[i]);
        if (!p) return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
        fprintf(out,
                "<script>/* %s, from Debian's " VEGA_PACKAGE " (%s) */\n"
                "(function () { var module = { exports: {} }, exports = module.exports,\n"
                "  require = hsRequire, define = undefined;\n",
                modules[i].name, p);
        hs_status st = copy_file(out, p, err);
        free(p);
        if (st != HS_OK) return st;
        fprintf(out, "\n;hsModules['%s'] = module.exports; })();</script>\n", modules[i].name);
    }
    fputs(assemble, out);
    return HS_OK;
}

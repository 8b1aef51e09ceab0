/*
** test_index.c - index definitions: the shipped files are what the library
** uses, trees load in order, and bad definitions are refused with a message
** naming file, line and field.
*/
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <humsec/measure.h>

/* Names of the definitions in data/indices (NAME.yml): the shipped ones in their
** fixed order, then any other in alphabetical order. Returns the count; names[]
** are malloc'd. */
static int shipped_names(const char *dir, char **names, int max)
{
    static const char *const order[] = {"hdi", "ihdi", "gdi", "inform", "fsi", "profile", NULL};
    char *found[64];
    int nf = 0, n = 0;
    DIR *d = opendir(dir);
    if (!d) fail_msg("cannot read %s", dir);
    struct dirent *e;
    while ((e = readdir(d)) != NULL && nf < 64) {
        size_t len = strlen(e->d_name);
        if (len > 4 && strcmp(e->d_name + len - 4, ".yml") == 0)
            found[nf++] = strndup(e->d_name, len - 4);
    }
    closedir(d);
    for (int k = 0; order[k]; k++)
        for (int i = 0; i < nf; i++)
            if (found[i] && strcmp(found[i], order[k]) == 0 && n < max) {
                names[n++] = found[i];
                found[i] = NULL;
            }
    for (;;) { /* the rest, alphabetically */
        int best = -1;
        for (int i = 0; i < nf; i++)
            if (found[i] && (best < 0 || strcmp(found[i], found[best]) < 0)) best = i;
        if (best < 0 || n >= max) break;
        names[n++] = found[best];
        found[best] = NULL;
    }
    for (int i = 0; i < nf; i++)
        free(found[i]);
    return n;
}

/* src/measure/builtin.c as it must be: the definitions' text as C string literals. */
static char *generate_builtin_c(const char *src, char **names, int n)
{
    char *text = NULL;
    size_t size = 0;
    FILE *o = open_memstream(&text, &size);
    assert_non_null(o);
    fputs("/*\n"
          "** builtin.c - the shipped index definitions, built into the library so that\n"
          "** `humsec assess hdi` works wherever the command is installed.\n"
          "**\n"
          "** Generated: the text is data/indices/<name>.yml verbatim. When a definition\n"
          "** changes, tests/measure/test_index.c fails and writes the new version of this\n"
          "** file to its scratch folder (it says where); copy it here. So the files users\n"
          "** read and copy are the definitions the command uses.\n"
          "*/\n"
          "#include <humsec/measure.h>\n\n#include <string.h>\n\n",
          o);
    for (int k = 0; k < n; k++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/data/indices/%s.yml", src, names[k]);
        char *yml = test_read(path);
        assert_non_null(yml);
        fprintf(o, "static const char builtin_%s[] =\n", names[k]);
        const char *p = yml;
        while (*p) {
            fputs("    \"", o);
            for (; *p && *p != '\n'; p++) {
                if (*p == '\\' || *p == '"') fputc('\\', o);
                fputc(*p, o);
            }
            if (*p == '\n') {
                fputs("\\n", o);
                p++;
            }
            fputs(*p ? "\"\n" : "\";\n", o);
        }
        fputs("\n", o);
        free(yml);
    }
    fputs("static const char *const builtin_names[] = {\n", o);
    for (int k = 0; k < n; k++)
        fprintf(o, "    \"%s\",\n", names[k]);
    fputs("    NULL,\n};\nstatic const char *const builtin_texts[] = {\n", o);
    for (int k = 0; k < n; k++)
        fprintf(o, "    builtin_%s,\n", names[k]);
    fputs("    NULL,\n};\n\n"
          "const char *const *hs_index_builtins(void)\n{\n    return builtin_names;\n}\n\n"
          "const char *hs_index_builtin_text(const char *name)\n{\n"
          "    for (int i = 0; builtin_names[i]; i++)\n"
          "        if (strcmp(name, builtin_names[i]) == 0) return builtin_texts[i];\n"
          "    return NULL;\n}\n",
          o);
    fclose(o);
    return text;
}

static void builtins_are_the_shipped_files(void **state)
{
    (void)state;
    const char *src = getenv("HUMSEC_SOURCE");
    if (!src) src = ".";
    char dir[4096], path[4096];
    snprintf(dir, sizeof dir, "%s/data/indices", src);
    char *names[64];
    int n = shipped_names(dir, names, 64);
    assert_true(n >= 6);
    /* builtin.c is what the generator makes of data/indices, byte for byte. */
    char *want = generate_builtin_c(src, names, n);
    snprintf(path, sizeof path, "%s/src/measure/builtin.c", src);
    char *have = test_read(path);
    assert_non_null(have);
    if (strcmp(want, have) != 0) {
        char fresh[4096];
        snprintf(fresh, sizeof fresh, "%s/builtin.c", test_tmpdir("measure-builtin"));
        test_write(fresh, want);
        fail_msg("src/measure/builtin.c is out of date with data/indices: cp '%s' '%s'", fresh,
                 path);
    }
    free(want);
    free(have);
    /* And the library serves each one, loadable. */
    int k = 0;
    for (const char *const *b = hs_index_builtins(); *b; b++, k++) {
        assert_string_equal(*b, names[k]);
        snprintf(path, sizeof path, "%s/%s.yml", dir, *b);
        char *text = test_read(path);
        assert_non_null(text);
        assert_string_equal(text, hs_index_builtin_text(*b));
        free(text);
        hs_index ix;
        hs_error e;
        if (hs_index_load(&ix, *b, &e) != HS_OK) {
            char msg[2048];
            hs_error_format(&e, msg, sizeof msg);
            fail_msg("%s", msg);
        }
        hs_index_free(&ix);
    }
    assert_int_equal(k, n);
    for (int i = 0; i < n; i++)
        free(names[i]);
}

static void hdi_tree_in_order(void **state)
{
    (void)state;
    hs_index ix;
    hs_error e;
    assert_int_equal(hs_index_load(&ix, "hdi", &e), HS_OK);
    int root = hs_index_node(&ix, "hdi"), edu = hs_index_node(&ix, "education");
    assert_int_equal(ix.root, root);
    assert_int_equal(ix.nodes[root].agg.method, HS_AGG_GEOMETRIC);
    assert_int_equal(ix.nodes[root].nchildren, 3);
    assert_int_equal(ix.nodes[root].decimals, 3);
    assert_int_equal(ix.nodes[edu].agg.method, HS_AGG_ARITHMETIC);
    int inc = hs_index_node(&ix, "income");
    assert_int_equal(ix.nodes[inc].transform, HS_TRANSFORM_LN);
    assert_true(ix.nodes[inc].norm.lo == 100 && ix.nodes[inc].norm.hi == 75000);
    /* Children come before parents. */
    int pos[64];
    for (int k = 0; k < ix.nnodes; k++)
        pos[ix.order[k]] = k;
    for (int i = 0; i < ix.nnodes; i++)
        for (int c = 0; c < ix.nodes[i].nchildren; c++)
            assert_true(pos[ix.nodes[i].children[c]] < pos[i]);
    assert_int_equal(ix.nbands, 4);
    assert_string_equal(ix.bands[0].label, "Very High");
    hs_index_free(&ix);
}

/* Load text that must fail; check the status, line and field. */
static void refuse(const char *yaml, hs_status st, long line, const char *field, const char *words)
{
    hs_index ix;
    hs_error e;
    hs_error_clear(&e);
    assert_int_equal(hs_index_load_text(&ix, "bad.yml", yaml, &e), st);
    char msg[2048];
    hs_error_format(&e, msg, sizeof msg);
    printf("  refused: %s\n", msg);
    assert_string_equal(e.file, "bad.yml");
    if (line) assert_int_equal(e.line, line);
    if (field) assert_string_equal(e.field, field);
    if (words) assert_non_null(strstr(e.message, words));
}

static void bad_definitions_refused(void **state)
{
    (void)state;
    refuse("nodes:\n"
           "  a: {column: x}\n"
           "  b:\n"
           "    aggregate: arithmetic\n"
           "    children: [a, c]\n"
           "  c:\n"
           "    aggregate: arithmetic\n"
           "    children: [b]\n",
           HS_ERR_INVALID, 0, NULL, "cycle");
    refuse("nodes:\n"
           "  a: {column: x}\n"
           "  top:\n"
           "    aggregate: averagish\n"
           "    children: [a]\n",
           HS_ERR_INVALID, 4, "nodes.top.aggregate", "unknown aggregation 'averagish'");
    refuse("nodes:\n"
           "  a: {column: x}\n"
           "  top:\n"
           "    aggregate: arithmetic\n"
           "    children: [a, b]\n",
           HS_ERR_INVALID, 5, "nodes.top.children", "unknown node 'b'");
    refuse("nodes:\n"
           "  a: {column: x, normalise: {method: goalposts, min: 0}}\n",
           HS_ERR_INVALID, 0, "nodes.a.normalise.method", "min and max");
    refuse("nodes:\n"
           "  a: {column: x, normalise: {method: squash}}\n",
           HS_ERR_INVALID, 2, "nodes.a.normalise.method", "unknown normalisation 'squash'");
    refuse("nodes:\n"
           "  a: {column: x, wieght: 2}\n",
           HS_ERR_INVALID, 2, "nodes.a.wieght", "unknown key");
    refuse("nodes:\n"
           "  a: {label: no column}\n",
           HS_ERR_INVALID, 2, "nodes.a", "either 'column'");
    refuse("nodes:\n"
           "  a: {column: x}\n"
           "  b: {column: y}\n",
           HS_ERR_INVALID, 0, "root", "several top nodes");
    refuse("nodes:\n"
           "  a: {column: x}\n"
           "  b: {column: y}\n"
           "  t:\n"
           "    aggregate: ratio\n"
           "    children: [a, b]\n"
           "    weights: [1, 2, 3]\n",
           HS_ERR_INVALID, 7, "nodes.t.weights", "3 weights for 2 children");
    refuse("nodes:\n"
           "  a: {column: x}\n"
           "  t:\n"
           "    aggregate: sum\n"
           "    children: [a]\n"
           "    normalise: {method: minmax}\n",
           HS_ERR_INVALID, 6, "nodes.t.normalise", "applies to indicators");
    refuse("name: x\n", HS_ERR_INVALID, 0, "nodes", NULL);
    refuse("nodes: [a, b\n", HS_ERR_PARSE, 0, NULL, NULL);

    /* A self-loop is a cycle too; the message shows the path. */
    hs_index ix;
    hs_error e;
    assert_int_equal(hs_index_load_text(&ix, "loop.yml",
                                        "nodes:\n  a: {column: x}\n  t:\n    aggregate: sum\n"
                                        "    children: [a, t]\n",
                                        &e),
                     HS_ERR_INVALID);
    assert_non_null(strstr(e.message, "t -> t"));
    assert_string_equal(e.field, "nodes.t.children");
    assert_int_equal(e.line, 4);

    assert_int_equal(hs_index_load(&ix, "no-such-index", &e), HS_ERR_INVALID);
    assert_non_null(strstr(e.message, "unknown index"));
    assert_non_null(strstr(e.message, "hdi"));
}

static void user_definition_evaluates(void **state)
{
    (void)state;
    /* Two indicators, min-max and PCA-free equal weights: hand-computed. */
    const char *def = "id: toy\n"
                      "nodes:\n"
                      "  a: {column: a, normalise: {method: minmax}}\n"
                      "  b: {column: b, direction: negative, normalise: {method: minmax}}\n"
                      "  toy:\n"
                      "    aggregate: arithmetic\n"
                      "    weights: [3, 1]\n"
                      "    children: [a, b]\n"
                      "    round: 2\n";
    const char *data = "iso3,country,a,b\n"
                       "AAA,Alpha,0,10\n"
                       "BBB,Beta,5,0\n"
                       "CCC,\"Gamma, Republic of\",10,5\n";
    hs_index ix;
    hs_frame f;
    hs_result r;
    hs_error e;
    assert_int_equal(hs_index_load_text(&ix, "toy.yml", def, &e), HS_OK);
    assert_int_equal(hs_frame_read_text(&f, "toy.csv", data, NULL, &e), HS_OK);
    assert_int_equal(hs_assess(&r, &ix, &f, &e), HS_OK);
    /* a: 0, .5, 1; b reversed: 0, 1, .5; toy = (3a + b)/4 */
    int t = ix.root;
    assert_true(fabs(r.value[0 * r.nnodes + t] - 0.0) < 1e-12);
    assert_true(fabs(r.value[1 * r.nnodes + t] - 0.625) < 1e-12);
    assert_true(fabs(r.value[2 * r.nnodes + t] - 0.875) < 1e-12);
    assert_true(fabs(r.reported[1 * r.nnodes + t] - 0.63) < 1e-12); /* 0.625 half up */
    assert_int_equal(r.rank[2], 1);
    assert_int_equal(r.rank[1], 2);
    assert_int_equal(r.rank[0], 3);
    char path[4096];
    snprintf(path, sizeof path, "%s/toy.csv", test_tmpdir("measure-index"));
    FILE *out = fopen(path, "w");
    assert_non_null(out);
    assert_int_equal(hs_result_write_csv(&r, NULL, out, path, &e), HS_OK);
    fclose(out);
    char *csv = test_read(path);
    assert_non_null(csv);
    assert_non_null(strstr(csv, "iso3,country,year,toy,rank"));
    assert_non_null(strstr(csv, "CCC,\"Gamma, Republic of\",NA,0.88,1"));
    free(csv);
    hs_result_free(&r);
    hs_frame_free(&f);
    hs_index_free(&ix);
}

static void methods_from_a_definition(void **state)
{
    (void)state;
    /* Imputation by region, a reference unit and PCA weights, all named in YAML. */
    const char *def = "nodes:\n"
                      "  a:\n"
                      "    column: a\n"
                      "    impute: {method: group_mean, by: region}\n"
                      "    normalise: {method: distance_to_reference, reference: BBB}\n"
                      "  b: {column: b}\n"
                      "  c: {column: c}\n"
                      "  t:\n"
                      "    aggregate: arithmetic\n"
                      "    weights: pca\n"
                      "    children: [b, c]\n"
                      "  top:\n"
                      "    aggregate: sum\n"
                      "    children: [a, t]\n";
    /* a: CCC's gap is the mean of its region (AAA, BBB: 2 and 4 -> 3); divided by BBB's
    ** 4. b and c correlate at 0.8 (as in test_methods): PCA weights 0.5 and 0.5. */
    const char *data = "iso3,region,a,b,c\n"
                       "AAA,north,2,1,2\n"
                       "BBB,north,4,2,1\n"
                       "CCC,north,NA,3,4\n"
                       "DDD,south,8,4,3\n"
                       "EEE,south,6,5,5\n";
    hs_index ix;
    hs_frame f;
    hs_result r;
    hs_error e;
    assert_int_equal(hs_index_load_text(&ix, "m.yml", def, &e), HS_OK);
    assert_true(ix.nodes[hs_index_node(&ix, "t")].pca_weights);
    assert_int_equal(hs_frame_read_text(&f, "m.csv", data, NULL, &e), HS_OK);
    assert_int_equal(hs_assess(&r, &ix, &f, &e), HS_OK);
    int a = hs_index_node(&ix, "a"), t = hs_index_node(&ix, "t");
    assert_true(fabs(r.value[2 * r.nnodes + a] - 0.75) < 1e-12); /* (2 + 4) / 2 / 4 */
    assert_true(fabs(r.value[3 * r.nnodes + a] - 2.0) < 1e-12);  /* 8 / 4 */
    const double *w = r.weights + r.wofs[t];
    assert_true(fabs(w[0] - 0.5) < 1e-9 && fabs(w[1] - 0.5) < 1e-9);
    assert_true(fabs(r.value[4 * r.nnodes + t] - 5.0) < 1e-9);
    hs_result_free(&r);
    hs_frame_free(&f);
    hs_index_free(&ix);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(builtins_are_the_shipped_files),
        cmocka_unit_test(hdi_tree_in_order),
        cmocka_unit_test(bad_definitions_refused),
        cmocka_unit_test(user_definition_evaluates),
        cmocka_unit_test(methods_from_a_definition),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

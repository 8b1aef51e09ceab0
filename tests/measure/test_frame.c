/*
** test_frame.c - data readers: UNDP's panel, wide and tidy tables, encodings,
** missing-value marks, and errors that name file, line and field.
*/
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <humsec/measure.h>

static const char *panel = "\xEF\xBB\xBFiso3,country,hdicode,le_2021,le_2022,gnipc_2022\n"
                           "AAA,Alpha,High,70.5,71,1000\n"
                           "BBB,Beta,Low,,60.25,abc\n"
                           "ZZK.WORLD,World,,72,73,15000\n";

static double cell(const hs_frame *f, size_t u, const char *var)
{
    int v = hs_frame_var(f, var);
    assert_true(v >= 0);
    return f->value[u * (size_t)f->nvars + (size_t)v];
}

static void panel_years_become_units(void **state)
{
    (void)state;
    hs_frame f;
    hs_error e;
    assert_int_equal(hs_frame_read_text(&f, "p.csv", panel, NULL, &e), HS_OK);
    assert_int_equal(f.layout, HS_FRAME_PANEL);
    assert_int_equal(f.nunits, 4); /* 2 countries x 2 years; the world aggregate left out */
    assert_string_equal(f.iso3[0], "AAA");
    assert_int_equal(f.year[0], 2021);
    assert_int_equal(f.year[1], 2022);
    assert_true(cell(&f, 0, "le") == 70.5);
    assert_true(cell(&f, 1, "le") == 71);
    assert_true(isnan(cell(&f, 2, "le")));    /* empty cell */
    assert_true(isnan(cell(&f, 0, "gnipc"))); /* no 2021 column */
    assert_int_equal(f.line[2], 3);
    /* A year-less column applies to every year of its row. */
    int hc = hs_frame_var(&f, "hdicode");
    assert_string_equal(f.text[1 * (size_t)f.nvars + (size_t)hc], "High");
    /* A text cell is an error only when used as a number, and says where it is. */
    double out[4];
    assert_int_equal(hs_frame_numbers(&f, hs_frame_var(&f, "gnipc"), out, &e), HS_ERR_PARSE);
    assert_string_equal(e.file, "p.csv");
    assert_int_equal(e.line, 3);
    assert_string_equal(e.field, "gnipc_2022");
    assert_non_null(strstr(e.message, "'abc'"));
    hs_frame_free(&f);

    hs_frame_opts o = {.year = 2022, .keep_aggregates = 1};
    assert_int_equal(hs_frame_read_text(&f, "p.csv", panel, &o, &e), HS_OK);
    assert_int_equal(f.nunits, 3);
    assert_string_equal(f.iso3[2], "ZZK.WORLD");
    assert_true(cell(&f, 1, "le") == 60.25);
    hs_frame_free(&f);
    /* Only the variables asked for are converted; the years still come from every column. */
    const char *only[] = {"gnipc", NULL};
    hs_frame_opts ov = {.vars = only};
    assert_int_equal(hs_frame_read_text(&f, "p.csv", panel, &ov, &e), HS_OK);
    assert_int_equal(f.nvars, 1);
    assert_int_equal(f.nunits, 4);
    assert_int_equal(hs_frame_var(&f, "le"), -1);
    hs_frame_free(&f);
    o.year = 2030;
    assert_int_equal(hs_frame_read_text(&f, "p.csv", panel, &o, &e), HS_ERR_INVALID);
    assert_non_null(strstr(e.message, "2030"));
}

static void wide_latin1_and_missing_marks(void **state)
{
    (void)state;
    /* INFORM style: Latin-1 bytes, "x" for missing, upper-case headers. */
    const char *inform = "COUNTRY,ISO3,Flood,Drought\n"
                         "C\xF4te d'Ivoire,CIV,4.5,x\n"
                         "Chad,TCD,#VALUE!,7.5\n";
    hs_frame f;
    hs_error e;
    assert_int_equal(hs_frame_read_text(&f, "i.csv", inform, NULL, &e), HS_OK);
    assert_int_equal(f.layout, HS_FRAME_WIDE);
    assert_true(f.latin1);
    assert_string_equal(f.name[0], "C\xC3\xB4te d'Ivoire");
    assert_true(cell(&f, 0, "Flood") == 4.5);
    assert_true(isnan(cell(&f, 0, "Drought")));
    assert_true(isnan(cell(&f, 1, "Flood")));
    double out[2];
    assert_int_equal(hs_frame_numbers(&f, hs_frame_var(&f, "Drought"), out, &e), HS_OK);
    hs_frame_free(&f);

    /* FSI style: names only; codes come from the country table. */
    const char *fsi = "country,total\nSwaziland,83.0\nCongo Democratic Republic,109.4\n"
                      "Israel and West Bank,80\nAtlantis,1\n";
    assert_int_equal(hs_frame_read_text(&f, "f.csv", fsi, NULL, &e), HS_OK);
    assert_string_equal(f.iso3[0], "SWZ");
    assert_string_equal(f.iso3[1], "COD");
    assert_string_equal(f.iso3[2], "ISR");
    assert_string_equal(f.iso3[3], "");
    hs_frame_free(&f);
    assert_string_equal(hs_country_iso3("C\xC3\xB4te d\xE2\x80\x99Ivoire"), "CIV");
    assert_string_equal(hs_country_iso3("T\xC3\xBCrkiye"), "TUR");
    assert_string_equal(hs_country_iso3("Korea (Republic of)"), "KOR");
    assert_null(hs_country_iso3(""));
}

static void tidy_long_table(void **state)
{
    (void)state;
    const char *tidy = "iso3,year,indicator,value\n"
                       "BBB,2020,le,60\n"
                       "AAA,2020,le,70\n"
                       "AAA,2020,gni,1000\n"
                       "AAA,2021,le,71\n";
    hs_frame f;
    hs_error e;
    assert_int_equal(hs_frame_read_text(&f, "t.csv", tidy, NULL, &e), HS_OK);
    assert_int_equal(f.layout, HS_FRAME_TIDY);
    assert_int_equal(f.nunits, 3);
    assert_string_equal(f.iso3[0], "AAA");
    assert_int_equal(f.year[0], 2020);
    assert_int_equal(f.year[1], 2021);
    assert_true(cell(&f, 0, "gni") == 1000);
    assert_true(isnan(cell(&f, 1, "gni")));
    assert_true(cell(&f, 2, "le") == 60);
    hs_frame_free(&f);
    hs_frame_opts o = {.year = 2021};
    assert_int_equal(hs_frame_read_text(&f, "t.csv", tidy, &o, &e), HS_OK);
    assert_int_equal(f.nunits, 1);
    hs_frame_free(&f);
    const char *dup = "iso3,year,indicator,value\nAAA,2020,le,70\nAAA,2020,le,71\n";
    assert_int_equal(hs_frame_read_text(&f, "d.csv", dup, NULL, &e), HS_ERR_INVALID);
    assert_int_equal(e.line, 3);
    assert_string_equal(e.field, "le");
    const char *badyear = "iso3,year,indicator,value\nAAA,twenty,le,70\n";
    assert_int_equal(hs_frame_read_text(&f, "y.csv", badyear, NULL, &e), HS_ERR_PARSE);
    assert_int_equal(e.line, 2);
    assert_string_equal(e.field, "year");
}

static void empty_and_keyless_tables(void **state)
{
    (void)state;
    hs_frame f;
    hs_error e;
    assert_int_equal(hs_frame_read_text(&f, "e.csv", "", NULL, &e), HS_ERR_PARSE);
    assert_string_equal(e.file, "e.csv");
    assert_int_equal(hs_frame_read_text(&f, "h.csv", "iso3,le\n", NULL, &e), HS_ERR_INVALID);
    assert_non_null(strstr(e.message, "no data rows"));
    assert_int_equal(hs_frame_read_text(&f, "k.csv", "a,b\n1,2\n", NULL, &e), HS_ERR_INVALID);
    assert_string_equal(e.field, "iso3");
    assert_int_equal(hs_frame_read(&f, "/nonexistent/data.csv", NULL, &e), HS_ERR_IO);
    assert_string_equal(e.file, "/nonexistent/data.csv");
}

static void join_on_iso3(void **state)
{
    (void)state;
    hs_frame fr[2], j;
    hs_error e;
    assert_int_equal(hs_frame_read_text(&fr[0], "a.csv", "iso3,x\nAAA,1\nBBB,2\n", NULL, &e),
                     HS_OK);
    assert_int_equal(
        hs_frame_read_text(&fr[1], "b.csv", "iso3,x,y\nBBB,20,200\nCCC,30,300\n", NULL, &e), HS_OK);
    assert_int_equal(hs_frame_join(&j, fr, 2, &e), HS_OK);
    assert_int_equal(j.nunits, 2);
    assert_int_equal(j.nvars, 3);
    assert_true(cell(&j, 1, "x") == 2);
    assert_true(cell(&j, 1, "x@2") == 20); /* a clashing name is renamed */
    assert_true(cell(&j, 1, "y") == 200);
    assert_true(isnan(cell(&j, 0, "y")));
    assert_string_equal(j.var_path[2], "b.csv");
    hs_frame_free(&j);
    hs_frame_free(&fr[0]);
    hs_frame_free(&fr[1]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(panel_years_become_units),
        cmocka_unit_test(wide_latin1_and_missing_marks),
        cmocka_unit_test(tidy_long_table),
        cmocka_unit_test(empty_and_keyless_tables),
        cmocka_unit_test(join_on_iso3),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

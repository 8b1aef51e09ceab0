/*
** store.c - an experiment's results database (compare_internal.h): each CSV
** table of the output folder loaded into a table of the same name in one
** SQLite file, so that a user can query across them (docs/compare.md). The
** CSV files are the source: the database holds the same rows, typed - a
** column whose every value is a whole number is INTEGER, one whose every value
** is a number (or NA) is REAL, any other TEXT; NA is NULL.
*/
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <humsec/outdir.h>
#include <humsec/table.h>
#include "compare/compare_internal.h"

enum { COL_INTEGER = 0, COL_REAL = 1, COL_TEXT = 2 };

static int column_type(const hs_table *t, int c)
{
    int type = COL_INTEGER;
    for (size_t r = 1; r < t->nrows; r++) {
        const char *v = hs_table_get(t, r, c);
        long l;
        double d;
        if (strcmp(v, "NA") == 0 || v[0] == '\0') continue;
        if (hs_parse_long(v, &l) == 0) continue;
        if (hs_parse_double(v, &d) == 0) {
            type = COL_REAL;
            continue;
        }
        return COL_TEXT;
    }
    return type;
}

static hs_status sql_error(sqlite3 *db, const char *path, hs_error *err)
{
    return hs_error_set(err, HS_ERR_IO, path, 0, NULL, "SQLite: %s",
                        db ? sqlite3_errmsg(db) : "cannot open");
}

static hs_status load_table(sqlite3 *db, const char *db_path, const char *name, const char *csv,
                            hs_error *err)
{
    hs_table t;
    hs_status st = hs_table_read(&t, csv, 0, err);
    if (st != HS_OK) return st;
    int ncol = t.rows[0].nfields;
    int *type = malloc((size_t)ncol * sizeof *type);
    char *create = NULL, *insert = NULL;
    size_t clen = 0, ilen = 0;
    FILE *cm = type ? open_memstream(&create, &clen) : NULL;
    FILE *im = cm ? open_memstream(&insert, &ilen) : NULL;
    if (!im) {
        if (cm) fclose(cm);
        free(create), free(type);
        hs_table_free(&t);
        return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    }
    static const char *const type_names[3] = {"INTEGER", "REAL", "TEXT"};
    fprintf(cm, "CREATE TABLE \"%s\" (", name);
    fprintf(im, "INSERT INTO \"%s\" VALUES (", name);
    for (int c = 0; c < ncol; c++) {
        type[c] = column_type(&t, c);
        /* Column names are our own CSV headers: letters, digits, '_' and '.'. */
        fprintf(cm, "%s\"%s\" %s", c ? ", " : "", hs_table_get(&t, 0, c), type_names[type[c]]);
        fprintf(im, c ? ", ?%d" : "?%d", c + 1);
    }
    fputs(")", cm);
    fputs(")", im);
    fclose(cm);
    fclose(im);
    sqlite3_stmt *stmt = NULL;
    if (!create || !insert || sqlite3_exec(db, create, NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, insert, -1, &stmt, NULL) != SQLITE_OK)
        st = create && insert ? sql_error(db, db_path, err)
                              : hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    for (size_t r = 1; r < t.nrows && st == HS_OK; r++) {
        sqlite3_reset(stmt);
        for (int c = 0; c < ncol; c++) {
            const char *v = hs_table_get(&t, r, c);
            if (type[c] != COL_TEXT && (strcmp(v, "NA") == 0 || v[0] == '\0'))
                sqlite3_bind_null(stmt, c + 1);
            else if (type[c] == COL_INTEGER)
                sqlite3_bind_int64(stmt, c + 1, strtoll(v, NULL, 10));
            else if (type[c] == COL_REAL)
                sqlite3_bind_double(stmt, c + 1, strtod(v, NULL));
            else
                sqlite3_bind_text(stmt, c + 1, v, -1, SQLITE_TRANSIENT);
        }
        if (sqlite3_step(stmt) != SQLITE_DONE) st = sql_error(db, db_path, err);
    }
    sqlite3_finalize(stmt);
    free(create), free(insert), free(type);
    hs_table_free(&t);
    return st;
}

hs_status cmp_store(hs_outdir *o, const char *db_name, const char *const *tables, int ntables,
                    hs_error *err)
{
    char *path = hs_path_join(o->staging, db_name);
    if (!path) return hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    unlink(path); /* a stale database from an abandoned start */
    sqlite3 *db = NULL;
    hs_status st = HS_OK;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK ||
        sqlite3_exec(db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; BEGIN", NULL, NULL,
                     NULL) != SQLITE_OK)
        st = sql_error(db, path, err);
    for (int i = 0; i < ntables && st == HS_OK; i++) {
        char file[96];
        snprintf(file, sizeof file, "%s.csv", tables[i]);
        char *csv = hs_path_join(o->staging, file);
        st = csv ? load_table(db, path, tables[i], csv, err)
                 : hs_error_set(err, HS_ERR_NOMEM, NULL, 0, NULL, "out of memory");
        free(csv);
    }
    if (st == HS_OK && sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        st = sql_error(db, path, err);
    if (sqlite3_close(db) != SQLITE_OK && st == HS_OK) st = sql_error(NULL, path, err);
    free(path);
    return st;
}

/*
** case_open.c - a Flee case folder opened as a user expects (flight.h
** hs_flight_case_open): its simsetting file found, and a variant folder that
** ships only input_csv/ borrowing the UNHCR series and settings of its base
** case, each choice recorded as a warning of the case.
*/
#include <humsec/flight.h>

#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The case's simsetting*.yml: 1 and its path in out when there is one; 0 when
** there is none (Flee's defaults); -1 with err set when there are several and
** prefer settles nothing. With prefer, a file of that name settles a choice
** between several; *several then says how many there were. */
static int find_settings(const char *dir, const char *prefer, char *out, size_t n, int *several,
                         hs_error *err)
{
    DIR *d = opendir(dir);
    if (!d) return 0;
    int found = 0, preferred = -1;
    char names[8][256];
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (strncmp(e->d_name, "simsetting", 10) != 0 || len < 5 ||
            (strcmp(e->d_name + len - 4, ".yml") != 0 && strcmp(e->d_name + len - 5, ".yaml") != 0))
            continue;
        if (found < 8) {
            snprintf(names[found], sizeof names[found], "%s", e->d_name);
            if (prefer && strcmp(e->d_name, prefer) == 0) preferred = found;
        }
        found++;
    }
    closedir(d);
    *several = found > 1 ? found : 0;
    if (found == 1 || (found > 1 && preferred >= 0)) {
        snprintf(out, n, "%s/%s", dir, names[found == 1 ? 0 : preferred]);
        return 1;
    }
    if (found > 1) {
        char list[1200] = "";
        for (int k = 0; k < found && k < 8; k++) {
            size_t used = strlen(list);
            if (used + strlen(names[k]) + 3 >= sizeof list) break;
            if (k) strcat(list, ", ");
            strcat(list, names[k]);
        }
        hs_error_set(err, HS_ERR_INVALID, dir, 0, NULL,
                     "%d simsetting files (%s); choose one with --settings (settings: in an "
                     "experiment)",
                     found, list);
        return -1;
    }
    out[0] = '\0';
    return 0; /* none: Flee's defaults */
}

/* A variant case folder that ships only input_csv/ (burundi2015_linkfix: the
** UNHCR series and settings are burundi2015's) borrows from its base case: the
** sibling folder named by the part before the last '_'. Into base (size n),
** or "" when there is no such sibling with a source_data/ folder. */
static void find_base_case(const char *dir, char *base, size_t n)
{
    char d[4096];
    snprintf(d, sizeof d, "%s", dir);
    size_t len = strlen(d);
    while (len > 1 && d[len - 1] == '/')
        d[--len] = '\0';
    base[0] = '\0';
    char *us = strrchr(d, '_'), *slash = strrchr(d, '/');
    if (!us || (slash && us < slash) || us == (slash ? slash + 1 : d)) return;
    *us = '\0';
    char src[4200];
    snprintf(src, sizeof src, "%s/source_data", d);
    if (is_dir(src)) snprintf(base, n, "%s", d);
}

hs_status hs_flight_case_open(hs_flight_case *c, hs_flight_settings *s, const char *dir,
                              const char *settings, const char *source, int prefer_validation,
                              hs_error *err)
{
    hs_flight_settings_default(s);
    const char *prefer = prefer_validation ? "simsetting_validation.yml" : NULL;
    char found[4096], base[4096], src_buf[4200], notes[2][8800];
    int nnotes = 0, several = 0;
    find_base_case(dir, base, sizeof base);
    snprintf(src_buf, sizeof src_buf, "%s/source_data", dir);
    if (!source && !is_dir(src_buf) && base[0]) {
        snprintf(src_buf, sizeof src_buf, "%s/source_data", base);
        source = src_buf;
        snprintf(notes[nnotes++], sizeof notes[0],
                 "%s: no source_data/: the UNHCR series of %s are used (--source-data to "
                 "choose)",
                 dir, source);
    }
    if (!settings) {
        int r = find_settings(dir, prefer, found, sizeof found, &several, err);
        if (r == 0 && base[0]) r = find_settings(base, prefer, found, sizeof found, &several, err);
        if (r < 0) return err->status;
        if (r > 0) settings = found;
        if (r > 0 && (several || strncmp(found, dir, strlen(dir)) != 0))
            snprintf(notes[nnotes++], sizeof notes[0],
                     "%s: settings from %s%s (--settings to choose)", dir, found,
                     several ? ", FabFlee's validation settings" : "");
    }
    hs_status st = settings ? hs_flight_settings_load(s, settings, err) : HS_OK;
    if (st == HS_OK) st = hs_flight_case_load(c, dir, source, s, err);
    if (st != HS_OK) return st;
    for (int k = 0; k < nnotes; k++)
        if ((st = hs_flight_case_warn(c, err, "%s", notes[k])) != HS_OK) {
            hs_flight_case_free(c);
            return st;
        }
    return HS_OK;
}

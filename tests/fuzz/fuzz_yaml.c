/*
** fuzz_yaml.c - the YAML reader (src/core/yaml.c) and the readers built on it
** that take text: a generic field table of every type, Flee's simsetting
** files, and which model a scenario names. The input is one YAML document.
*/
#include <humsec/error.h>
#include <humsec/flight.h>
#include <libfyaml.h>
#include <stdint.h>
#include <stdlib.h>
#include "core/yaml.h"
#include "fuzz_util.h"

/* Visit every node (what a reader does when it looks up keys and lines). */
static void walk(struct fy_node *n, int depth)
{
    if (!n || depth > 64) return;
    (void)hs_yaml_line(n);
    (void)hs_yaml_scalar(n);
    void *it = NULL;
    if (hs_yaml_is_map(n)) {
        struct fy_node_pair *p;
        while ((p = fy_node_mapping_iterate(n, &it)) != NULL) {
            walk(fy_node_pair_key(p), depth + 1);
            walk(fy_node_pair_value(p), depth + 1);
        }
    } else if (hs_yaml_is_seq(n)) {
        struct fy_node *item;
        while ((item = fy_node_sequence_iterate(n, &it)) != NULL)
            walk(item, depth + 1);
    }
}

/* Every field type, with ranges as wide as a caller may give them. */
static void read_fields(const hs_yaml *y)
{
    double d = 0, list[8];
    long l = 0, big = 0;
    int b = 0, nlist = 0, seen = 0;
    long line = 0;
    char s[16];
    double sub_d = 0;
    hs_yaml_field sub[] = {{"d", HS_YF_DOUBLE, &sub_d, -1e308, 1e308}, {NULL}};
    hs_yaml_field fields[] = {
        {"d", HS_YF_DOUBLE, &d, 0, 1, NULL, NULL, &seen, &line},
        {"l", HS_YF_LONG, &l, 1, 1e9},
        {"big", HS_YF_LONG, &big, -1e300, 1e300},
        {"b", HS_YF_BOOL, &b},
        {"s", HS_YF_STRING, s, 0, sizeof s},
        {"list", HS_YF_DOUBLE_LIST, list, 0, 8, NULL, &nlist},
        {"map", HS_YF_MAP, NULL, 0, 0, sub},
        {"ignored", HS_YF_IGNORE},
        {NULL},
    };
    hs_error err;
    hs_yaml_read_map(y, hs_yaml_root(y), "", fields, 0, &err);
    hs_yaml_read_map(y, hs_yaml_root(y), "top", fields, 1, &err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_text(data, size);
    if (!text) return 0;
    hs_error err;
    hs_yaml y;
    if (hs_yaml_load_text(&y, "fuzz.yml", text, &err) == HS_OK) {
        walk(hs_yaml_root(&y), 0);
        read_fields(&y);
        hs_yaml_free(&y);
    }
    hs_flight_settings s;
    hs_flight_settings_default(&s);
    hs_flight_settings_load_text(&s, "simsetting.yml", text, &err);
    free(text);
    return 0;
}

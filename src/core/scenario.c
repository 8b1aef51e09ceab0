/*
** scenario.c - which model a scenario is for (scenario.h): a folder is a
** Flee case; a file names its model under the top-level key `model:`.
*/
#include <humsec/scenario.h>

#include <string.h>
#include <sys/stat.h>
#include "core/yaml.h"

static const char *const model_names[] = {"flight", "civil_violence", "human_security"};

const char *hs_model_name(hs_model m)
{
    return (unsigned)m < sizeof model_names / sizeof *model_names ? model_names[m] : "unknown";
}

/* The model a YAML scenario names. */
static hs_status file_model(const char *path, hs_model *out, hs_error *err)
{
    hs_yaml y;
    hs_status st = hs_yaml_load(&y, path, err);
    if (st != HS_OK) return st;
    struct fy_node *root = hs_yaml_root(&y);
    struct fy_node *node = root && hs_yaml_is_map(root) ? hs_yaml_get(root, "model") : NULL;
    const char *name = node ? hs_yaml_scalar(node) : NULL;
    if (!node)
        st = hs_error_set(err, HS_ERR_INVALID, path, 0, "model",
                          "not a scenario humsec can run: a Flee case is a folder, and a scenario "
                          "file is YAML with a top-level 'model:' key (human_security or "
                          "civil_violence)");
    else if (name && strcmp(name, "human_security") == 0)
        *out = HS_MODEL_WORLD;
    else if (name && strcmp(name, "civil_violence") == 0)
        *out = HS_MODEL_CIVIL_VIOLENCE;
    else
        st = hs_error_set(err, HS_ERR_INVALID, path, hs_yaml_line(node), "model",
                          "'%s' is not a model of a scenario file (human_security or "
                          "civil_violence; a Flee case is a folder)",
                          name ? name : "(not a name)");
    hs_yaml_free(&y);
    return st;
}

hs_status hs_scenario_model(const char *path, hs_model *out, hs_error *err)
{
    struct stat sb;
    if (stat(path, &sb) != 0)
        return hs_error_set(err, HS_ERR_IO, path, 0, NULL, "no such file or folder");
    if (S_ISDIR(sb.st_mode)) {
        *out = HS_MODEL_FLIGHT;
        return HS_OK;
    }
    return file_model(path, out, err);
}

/*
** params.c - the world's parameters: defaults, names, and one table
** that both the scenario reader and the writer of resolved parameters walk,
** so that what is read and what is written back cannot drift apart.
** Every default and its source is in docs/odd/world.md.
*/
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <humsec/flight.h>
#include <humsec/table.h>
#include "world/params.h"

static const char *const dim_names[HS_DIM_COUNT] = {
    "economic", "food", "health", "environmental", "personal", "community", "political"};
static const char *const status_names[HS_PS_COUNT] = {"home",     "displaced", "refugee", "camp",
                                                      "returned", "armed",     "jailed",  "dead"};
static const char *const cause_names[HS_DEATH_COUNT] = {
    "violence", "repression", "erw", "disease", "hunger", "natural", "maternal"};
static const char *const mech_keys[HS_MECH_COUNT] = {
    "guns_vs_butter", "repression", "legitimacy", "flight",      "host_strain", "recruitment",
    "cohesion",       "drought",    "weakness",   "development", "erw",         "epidemic",
    "arms_race",      "war"};
static const char *const regime_names[3] = {"democracy", "anocracy", "autocracy"};
static const char *const event_names[HS_EV_COUNT] = {
    "conflict",       "drought",      "epidemic", "economic_shock",
    "border_closure", "arms_buildup", "assurance"};

const char *hs_dim_name(int d)
{
    return d >= 0 && d < HS_DIM_COUNT ? dim_names[d] : "?";
}
const char *hs_pstatus_name(int s)
{
    return s >= 0 && s < HS_PS_COUNT ? status_names[s] : "?";
}
const char *hs_cause_name(int c)
{
    return c >= 0 && c < HS_DEATH_COUNT ? cause_names[c] : "?";
}
const char *hs_mech_key(int m)
{
    return m >= 0 && m < HS_MECH_COUNT ? mech_keys[m] : "?";
}
const char *hs_regime_name(int r)
{
    return r >= 0 && r < 3 ? regime_names[r] : "?";
}
static const char *const doctrine_names[HS_DOCTRINE_COUNT] = {"none", "fear", "want", "mixed"};
static const char *const channel_names[HS_AID_COUNT] = {
    "demining", "ddr",          "peacekeeping",  "small_arms", "health",
    "food",     "livelihoods",  "schooling",     "camps",      "grassroots",
    "oda",      "intervention", "demobilisation"};

const char *hs_doctrine_name(int d)
{
    return d >= 0 && d < HS_DOCTRINE_COUNT ? doctrine_names[d] : "?";
}
int hs_doctrine_parse(const char *s)
{
    for (int d = 0; s && d < HS_DOCTRINE_COUNT; d++)
        if (strcmp(s, doctrine_names[d]) == 0) return d;
    return -1;
}
const char *hs_aid_channel_name(int c)
{
    return c >= 0 && c < HS_AID_COUNT ? channel_names[c] : "?";
}
int hs_aid_fund_channel(int c)
{
    return (c >= HS_AID_HEALTH && c <= HS_AID_CAMPS) || c == HS_AID_DEMOBILISATION;
}

const char *hs_event_name(int t)
{
    return t >= 0 && t < HS_EV_COUNT ? event_names[t] : "?";
}

void hs_world_params_default(hs_world_params *p)
{
    memset(p, 0, sizeof *p);
    for (int m = 0; m < HS_MECH_COUNT; m++)
        p->on[m] = 1;
    p->relax_days = 30.0;
    p->spread_economic = 1.0;
    p->spread = 0.4;
    p->birth_rate = 0.03;
    p->life_expectancy = 65.0;
    p->gompertz_slope = 0.085;
    for (int d = 0; d < HS_DIM_COUNT; d++)
        p->critical[d] = 0.4;
    p->displaced_livelihood = 0.5;
    p->maternal_high = 0.012;
    p->maternal_low = 0.0001;

    p->m1_gain = 0.25;
    p->m1_max = 0.5;
    p->m1_days = 90.0;
    p->w_external = 0.25;
    p->w_internal = 1.0;
    p->w_cohesion = 0.5;

    p->m2_gain = 0.4;
    p->m2_up_days = 30.0;
    p->m2_down_days = 360.0;
    p->m2_ratchet = 0.5;

    p->m3_repression = 0.6;
    p->m3_provision = 0.5;
    p->m3_days = 60.0;
    p->cv_k = 2.3;
    p->cv_threshold = 0.2;
    p->cv_vision = 100.0;
    p->cv_max_jail = 30;
    p->arrest_rate = 0.03;
    p->cv_presence = 10.0;
    p->cv_participation = 0.1;
    p->riot_violence = 0.3;

    p->flee_rate = 0.015;
    p->flee_threshold = 0.3;
    p->w_fear = 0.6;
    p->w_want = 0.4;
    p->return_rate = 0.01;
    p->return_safety = 0.7;
    p->conflict_level = 0.05;
    p->move_speed = 200.0;
    p->camp_weight = 2.0;
    p->conflict_weight = 0.25;
    p->awareness = 2;

    p->m5_tension = 1.0;
    p->m5_crime = 0.3;
    p->m5_strain = 0.5;
    p->m5_distrust = 0.2;
    p->m5_degrade = 0.0005;
    p->m5_regrow = 0.001;

    p->m6_rate = 0.003;
    p->m6_threshold = 0.15;
    p->m6_raid = 4.0;
    p->m6_leave = 0.0015;
    p->m6_home = 0.0003;

    p->m7_inequality = 1.0;
    p->m7_want = 0.3;
    p->m7_days = 60.0;

    p->m8_environment = 0.5;

    p->w_weakness = 0.5;

    p->m12_destroy = 0.01;
    p->m12_rebuild = 0.002;
    p->m12_lag = 365.0;

    p->erw_deposit = 0.002;
    p->erw_clear = 0.0005;
    p->erw_lethality = 2e-5;
    p->erw_return_factor = 3.0;
    p->epi_beta = 0.2;
    p->epi_days = 10.0;
    p->epi_ifr = 0.01;
    p->epi_care = 0.8;
    p->epi_crowding = 1.0;
    p->epi_import = 1e-4;
    p->epi_camp = 2.0;

    p->m10_depreciation = 1.0 / 730.0;

    p->m11_offence_defence = 1.0;
    p->m11_value = 1.0;
    p->m11_cost = 0.2;
    p->m11_defence = 0.3;
    p->m11_punishment = 0.5;
    p->m11_status_quo = 0.5;
    p->m11_trade = 1.0;
    p->m11_misperception = 0.3;
    p->m11_learn_days = 60.0;
    p->m11_review_days = 30;
    p->m11_max_days = 365;
    p->m11_intensity = 0.5;
    p->m11_attrition = 0.002;
    p->m11_defeat = 0.5;

    p->aid_review_days = 30;
    p->aid_lag_fund = 180.0;
    p->aid_lag_grassroots = 30.0;
    p->aid_lag_fear = 30.0;
    p->aid_overhead_fund = 0.1;
    p->aid_overhead_grassroots = 0.03;
    p->aid_demining = 0.05;
    p->aid_ddr = 0.02;
    p->aid_peacekeeping = 5.0;
    p->aid_small_arms = 2.0;
    p->aid_engagement = 0.0;
    p->aid_engagement_raids = 0.0;
    p->aid_reintegration = 1.0;
    p->r2p_window = 90.0;
    p->r2p_threshold = 2e-4;
    p->r2p_cost = 0.5;
    p->r2p_days = 180.0;
    p->r2p_strength = 10.0;
    p->r2p_break = 0.3;
    p->treaty_rate = 0.02;
    p->treaty_advocacy = 0.5;
    p->treaty_entry = 0.5;
    p->treaty_effect = 0.5;

    p->violence_lethality = 5e-5;
    p->repression_lethality = 2e-4;
    p->hunger_lethality = 2e-4;
}

#define F(sec, key, field, lo, hi)                                                                 \
    {                                                                                              \
        sec, key, HS_NAMED_DOUBLE, offsetof(hs_world_params, field), lo, hi                        \
    }
#define L(sec, key, field, lo, hi)                                                                 \
    {                                                                                              \
        sec, key, HS_NAMED_LONG, offsetof(hs_world_params, field), lo, hi                          \
    }
#define ON(sec, m)                                                                                 \
    {                                                                                              \
        sec, "on", HS_NAMED_BOOL, offsetof(hs_world_params, on) + (m) * sizeof(int), 0, 1          \
    }

const hs_named world_param_table[] = {
    F("security", "relax_days", relax_days, 1, 1e4),
    F("security", "economic_spread", spread_economic, 0, 1.8),
    F("security", "spread", spread, 0, 1.8),
    F("security", "birth_rate", birth_rate, 0.005, 0.08),
    F("security", "life_expectancy", life_expectancy, 30, 90),
    F("security", "gompertz_slope", gompertz_slope, 0.05, 0.15),
    F("security", "displaced_livelihood", displaced_livelihood, 0, 1),
    F("security", "violence_lethality", violence_lethality, 0, 1),
    F("security", "repression_lethality", repression_lethality, 0, 1),
    F("security", "hunger_lethality", hunger_lethality, 0, 1),
    F("security", "maternal_high", maternal_high, 0, 0.5),
    F("security", "maternal_low", maternal_low, 0, 0.5),
    L("aid", "review_days", aid_review_days, 1, 100000),
    F("aid", "lag_fund", aid_lag_fund, 1, 1e5),
    F("aid", "lag_grassroots", aid_lag_grassroots, 1, 1e5),
    F("aid", "lag_fear", aid_lag_fear, 1, 1e5),
    F("aid", "overhead_fund", aid_overhead_fund, 0, 1),
    F("aid", "overhead_grassroots", aid_overhead_grassroots, 0, 1),
    F("aid", "demining", aid_demining, 0, 100),
    F("aid", "ddr", aid_ddr, 0, 100),
    F("aid", "peacekeeping", aid_peacekeeping, 0, 1000),
    F("aid", "small_arms", aid_small_arms, 0, 1000),
    F("aid", "engagement", aid_engagement, 0, 1000),
    F("aid", "engagement_raids", aid_engagement_raids, 0, 1e6),
    F("aid", "reintegration", aid_reintegration, 0, 1),
    F("aid", "r2p_window", r2p_window, 1, 1e5),
    F("aid", "r2p_threshold", r2p_threshold, 0, 1),
    F("aid", "r2p_cost", r2p_cost, 0, 1e6),
    F("aid", "r2p_days", r2p_days, 1, 1e5),
    F("aid", "r2p_strength", r2p_strength, 0, 1e4),
    F("aid", "r2p_break", r2p_break, 0, 1),
    F("aid", "treaty_rate", treaty_rate, 0, 1),
    F("aid", "treaty_advocacy", treaty_advocacy, 0, 100),
    F("aid", "treaty_entry", treaty_entry, 0, 1),
    F("aid", "treaty_effect", treaty_effect, 0, 1),
    F("thresholds", "economic", critical[0], 0, 1),
    F("thresholds", "food", critical[1], 0, 1),
    F("thresholds", "health", critical[2], 0, 1),
    F("thresholds", "environmental", critical[3], 0, 1),
    F("thresholds", "personal", critical[4], 0, 1),
    F("thresholds", "community", critical[5], 0, 1),
    F("thresholds", "political", critical[6], 0, 1),
    ON("guns_vs_butter", HS_M1_GUNS_BUTTER),
    F("guns_vs_butter", "gain", m1_gain, 0, 10),
    F("guns_vs_butter", "max_share", m1_max, 0, 1),
    F("guns_vs_butter", "days", m1_days, 1, 1e4),
    F("guns_vs_butter", "w_external", w_external, 0, 100),
    F("guns_vs_butter", "w_internal", w_internal, 0, 100),
    F("guns_vs_butter", "w_cohesion", w_cohesion, 0, 100),
    ON("repression", HS_M2_REPRESSION),
    F("repression", "gain", m2_gain, 0, 10),
    F("repression", "up_days", m2_up_days, 1, 1e4),
    F("repression", "down_days", m2_down_days, 1, 1e5),
    F("repression", "ratchet", m2_ratchet, 0, 1),
    ON("legitimacy", HS_M3_LEGITIMACY),
    F("legitimacy", "repression", m3_repression, 0, 10),
    F("legitimacy", "provision", m3_provision, 0, 10),
    F("legitimacy", "days", m3_days, 1, 1e4),
    F("legitimacy", "k", cv_k, 0, 100),
    F("legitimacy", "threshold", cv_threshold, -1, 1),
    F("legitimacy", "vision", cv_vision, 1, 1e4),
    L("legitimacy", "max_jail", cv_max_jail, 0, 10000),
    F("legitimacy", "arrest_rate", arrest_rate, 0, 100),
    F("legitimacy", "presence", cv_presence, 0, 1000),
    F("legitimacy", "participation", cv_participation, 0, 1),
    F("legitimacy", "riot_violence", riot_violence, 0, 100),
    ON("flight", HS_M4_FLIGHT),
    F("flight", "rate", flee_rate, 0, 1),
    F("flight", "threshold", flee_threshold, 0, 0.999),
    F("flight", "w_fear", w_fear, 0, 1),
    F("flight", "w_want", w_want, 0, 1),
    F("flight", "return_rate", return_rate, 0, 1),
    F("flight", "return_safety", return_safety, 0, 1),
    F("flight", "conflict_level", conflict_level, 0, 1),
    F("flight", "move_speed", move_speed, 1, 10000),
    F("flight", "camp_weight", camp_weight, 0, 100),
    F("flight", "conflict_weight", conflict_weight, 0, 100),
    L("flight", "awareness", awareness, 1, HS_AWARENESS_MAX),
    ON("host_strain", HS_M5_HOST_STRAIN),
    F("host_strain", "tension", m5_tension, 0, 100),
    F("host_strain", "crime", m5_crime, 0, 1),
    F("host_strain", "strain", m5_strain, 0, 10),
    F("host_strain", "distrust", m5_distrust, 0, 10),
    F("host_strain", "degrade", m5_degrade, 0, 1),
    F("host_strain", "regrow", m5_regrow, 0, 1),
    ON("recruitment", HS_M6_RECRUITMENT),
    F("recruitment", "rate", m6_rate, 0, 1),
    F("recruitment", "threshold", m6_threshold, 0, 1),
    F("recruitment", "raid", m6_raid, 0, 100),
    F("recruitment", "leave", m6_leave, 0, 1),
    F("recruitment", "home_rate", m6_home, 0, 1),
    ON("cohesion", HS_M7_COHESION),
    F("cohesion", "inequality", m7_inequality, 0, 100),
    F("cohesion", "want", m7_want, 0, 100),
    F("cohesion", "days", m7_days, 1, 1e4),
    ON("drought", HS_M8_DROUGHT),
    F("drought", "environment", m8_environment, 0, 1),
    ON("weakness", HS_M9_WEAKNESS),
    F("weakness", "weight", w_weakness, 0, 100),
    ON("development", HS_M12_DEVELOPMENT),
    F("development", "destroy", m12_destroy, 0, 1),
    F("development", "rebuild", m12_rebuild, 0, 1),
    F("development", "lag", m12_lag, 1, 1e4),
    ON("erw", HS_M13_ERW),
    F("erw", "deposit", erw_deposit, 0, 1),
    F("erw", "clear", erw_clear, 0, 1),
    F("erw", "lethality", erw_lethality, 0, 1),
    F("erw", "return_factor", erw_return_factor, 0, 100),
    ON("epidemic", HS_M13_EPIDEMIC),
    F("epidemic", "beta", epi_beta, 0, 100),
    F("epidemic", "days", epi_days, 1, 1e4),
    F("epidemic", "ifr", epi_ifr, 0, 1),
    F("epidemic", "care", epi_care, 0, 1),
    F("epidemic", "crowding", epi_crowding, 0, 10),
    F("epidemic", "import", epi_import, 0, 1),
    F("epidemic", "camp", epi_camp, 0, 100),
    ON("arms_race", HS_M10_ARMS_RACE),
    F("arms_race", "depreciation", m10_depreciation, 1e-6, 1),
    ON("war", HS_M11_WAR),
    F("war", "offence_defence", m11_offence_defence, 0.01, 100),
    F("war", "value", m11_value, 0, 100),
    F("war", "cost", m11_cost, 0, 100),
    F("war", "defence", m11_defence, 0, 100),
    F("war", "punishment", m11_punishment, 0, 100),
    F("war", "status_quo", m11_status_quo, 0, 100),
    F("war", "trade", m11_trade, 0, 100),
    F("war", "misperception", m11_misperception, 0, 10),
    F("war", "learn_days", m11_learn_days, 1, 1e5),
    L("war", "review_days", m11_review_days, 1, 100000),
    L("war", "max_days", m11_max_days, 1, 1000000),
    F("war", "intensity", m11_intensity, 0, 1),
    F("war", "attrition", m11_attrition, 0, 1),
    F("war", "defeat", m11_defeat, 0, 1),
    {NULL, NULL, 0, 0, 0, 0},
};

void hs_world_params_write(const hs_world_params *p, FILE *f)
{
    const char *sec = NULL;
    int in_mech = 0;
    for (const hs_named *d = world_param_table; d->key; d++) {
        if (!sec || strcmp(sec, d->section) != 0) {
            sec = d->section;
            int is_mech = strcmp(sec, "security") != 0 && strcmp(sec, "thresholds") != 0 &&
                          strcmp(sec, "aid") != 0;
            if (is_mech && !in_mech) fputs("mechanisms:\n", f);
            in_mech = is_mech;
            fprintf(f, "%s%s:\n", is_mech ? "  " : "", sec);
        }
        const char *ind = in_mech ? "    " : "  ";
        const char *base = (const char *)p + d->offset;
        switch (d->type) {
        case HS_NAMED_DOUBLE: {
            char num[32];
            fprintf(f, "%s%s: %s\n", ind, d->key,
                    hs_format_double(num, sizeof num, *(const double *)base));
            break;
        }
        case HS_NAMED_LONG:
            fprintf(f, "%s%s: %ld\n", ind, d->key, *(const long *)base);
            break;
        case HS_NAMED_BOOL:
            fprintf(f, "%s%s: %s\n", ind, d->key, *(const int *)base ? "true" : "false");
            break;
        }
    }
}

int hs_world_params_range(const char *name, double *min, double *max)
{
    return hs_named_range(world_param_table, name, min, max);
}

int hs_world_params_get(const hs_world_params *p, const char *name, double *value)
{
    return hs_named_get(world_param_table, p, name, value);
}

hs_status hs_world_params_set(hs_world_params *p, const char *name, double value, hs_error *err)
{
    return hs_named_set(world_param_table, p, name, value,
                        "the world (names are section.key as in a scenario's params: block, "
                        "e.g. flight.rate)",
                        err);
}

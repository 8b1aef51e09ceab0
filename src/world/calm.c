/*
** calm.c - eight people's calm test, level step and sums at once (calm.h). The
** rules it answers for are person.c's; each test below names the rule it
** stands for. Draws compare as words: a draw (w + 1/2) / 2^32 is below a
** bound b exactly when w is below the least word whose draw reaches b.
**
** The levels of eight people are 56 consecutive 16-bit numbers, person p's
** dimension d at 7p + d; they fill two 512-bit registers (lanes 0-31 and
** 32-55). Each lane looks up its goal in the place's row of goal_tab by its
** dimension and its person's endowment nibble, and steps as lanes.h's rule
** does; the sums per person (hardship) take each dimension's eight lanes out
** with one permutation.
*/
#include "world/calm.h"

#include <math.h>
#include <string.h>

#if defined(__x86_64__) && defined(__GNUC__)
#define CALM_AVX512 1
#include <immintrin.h>
#define CALM_TARGET __attribute__((target("avx512f,avx512bw,avx512vl,avx512dq,bmi2")))
#endif

/* The lanes' layout: for lane j < 56, person j / 7 and dimension j % 7. */
enum { CALM_PEOPLE = 8, CALM_LANES = CALM_PEOPLE * HS_DIM_COUNT };

int world_calm_available(void)
{
#ifdef CALM_AVX512
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
           __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512dq") &&
           __builtin_cpu_supports("bmi2");
#else
    return 0;
#endif
}

uint64_t world_calm_least_word(double b)
{
    const uint64_t none = (uint64_t)1 << 32;
    if (isnan(b)) return none; /* a draw is never at or above NaN: every one takes the rule */
    double t = b * 4294967296.0 - 0.5;
    uint64_t w = t <= 0.0 ? 0 : t > 4294967295.0 ? none : (uint64_t)ceil(t);
    /* The estimate is within a word or two: walk to the exact boundary. */
    while (w > 0 && world_u01((uint32_t)(w - 1)) >= b)
        w--;
    while (w < none && world_u01((uint32_t)w) < b)
        w++;
    return w;
}

/* Lane j < 56 holds dimension j % 7 of person j / 7. */
static void calm_layout(world_calm_layout *l, const hs_world_params *par)
{
    memset(l, 0, sizeof *l);
    for (int j = 0; j < CALM_LANES; j++) {
        int p = j / HS_DIM_COUNT, d = j % HS_DIM_COUNT;
        l->crit[j] = world_fix(par->critical[d]);
        l->half[j] = (uint16_t)(2 * p + (d >= 4)); /* nibbles 0-3 in the low half, 4-7 high */
        l->shift[j] = (uint16_t)(4 * (d % 4));
        l->base[j] = (uint16_t)(16 * d);
        if (d >= 4) l->upper |= (uint64_t)1 << j;
    }
    for (int d = 0; d < HS_DIM_COUNT; d++)
        for (int p = 0; p < CALM_PEOPLE; p++)
            l->pick[d][p] = (uint16_t)(HS_DIM_COUNT * p + d);
}

int world_calm_init(world_calm *c, const hs_world_sim *sim, long day, int32_t rate, double flee_max,
                    int64_t *acc, uint32_t *kinds)
{
    const hs_world_params *p = sim->p;
    const hs_people *fp = hs_flight_sim_people(sim->flight);
    memset(c, 0, sizeof *c);
    c->sim = sim;
    c->loc = fp->loc;
    c->link = fp->link;
    c->dies = sim->pp.dies;
    c->born = sim->pp.born;
    c->status = sim->pp.status;
    c->home_state = sim->pp.home_state;
    c->disease = sim->pp.disease;
    c->risk = sim->pp.risk;
    c->endow = sim->pp.endow;
    c->flags = sim->pp.flags;
    c->group = sim->pp.group;
    c->acc = acc;
    c->kinds = kinds;
    c->nstates = sim->nstates;
    c->logtab = sim->logtab;
    c->level = sim->pp.level;
    c->day = (int32_t)day;
    c->rate = (uint16_t)(rate <= 65535 ? rate : 0);
    c->flee_w = world_calm_least_word(flee_max);
    c->m4_on = p->on[HS_M4_FLIGHT] != 0;
    c->m6_home_on = p->on[HS_M6_RECRUITMENT] && p->m6_home > 0.0;
    c->cv_threshold = p->cv_threshold;
    c->m6_threshold = p->m6_threshold;
    double crit = ceil(p->critical[HS_DIM_ECONOMIC] * WORLD_ONE);
    c->econ_crit = crit <= 0.0 ? 0 : crit >= 65536.0 ? 65536 : (int32_t)crit;
    c->cell_loc = -1;
    c->kind_band = world_kind(HS_PS_HOME, WORLD_WORK_FROM * 365L, 0, 0, 0) -
                   world_kind(HS_PS_HOME, 0, 0, 0, 0);
    c->kind_female = world_kind(HS_PS_HOME, 0, 1, 0, 0) - world_kind(HS_PS_HOME, 0, 0, 0, 0);
    calm_layout(&c->lanes, p);
    return rate <= 65535 && day >= 0;
}

/* The constants of the place loc for the eight whose first stands there. */
static void calm_cell(world_calm *c, int loc)
{
    const hs_world_sim *sim = c->sim;
    const hs_world_params *p = sim->p;
    c->cell_loc = loc;
    /* deaths(): a word at or above this draws no death from any hazard here. */
    c->cell_death_w = world_calm_least_word(sim->p_death_max[loc]);
    /* disease(): a susceptible person is infected when the fourth word's draw is
    ** below the place's chance, infect + seed_p (0 words when it is 0). */
    c->cell_infect_w = world_calm_least_word(sim->infect[loc] + sim->seed_p[loc]);
    c->cell_arrest_p = sim->arrest_p[loc];
    /* Grievance is held against the state one lives in (person.c's grievance_state). */
    int state = sim->sc->geo.loc_state[loc];
    c->cell_illegit = 1.0 - sim->legitimacy[state];
    c->cell_illegit_fix = sim->illegit_fix[state];
    c->cell_row = sim->goal_tab + ((size_t)loc * HS_PS_COUNT + HS_PS_HOME) * HS_DIM_COUNT * 16;
    c->cell_ok = c->cell_death_w <= UINT32_MAX;
    /* recruitment(): the chance at home is m6_home x loose x (G - T) / (1 - T), each
    ** factor at most its largest (loose 2, G the largest grievance here); with the same
    ** operations in the same order, a product of larger numbers is not smaller. */
    c->cell_m6_w = (uint64_t)1 << 32;
    if (c->m6_home_on && p->m6_threshold < 1.0) {
        double gmax = WORLD_ONE * (1.0 / WORLD_ONE) * c->cell_illegit;
        double q = p->m6_home * 2.0 * (gmax - p->m6_threshold) / (1.0 - p->m6_threshold);
        c->cell_m6_w = world_calm_least_word(q > 0.0 ? q * (1.0 + 1e-9) : 0.0);
    }
}

#ifdef CALM_AVX512
/* Dimension d of the eight people, as 32-bit lanes. */
CALM_TARGET static inline __m256i calm_dim(const world_calm_layout *l, int d, __m512i v0,
                                           __m512i v1)
{
    __m512i idx = _mm512_loadu_si512(l->pick[d]);
    return _mm256_cvtepu16_epi32(_mm512_castsi512_si128(_mm512_permutex2var_epi16(v0, idx, v1)));
}

/* One register's 32 lanes (from lane `from`) stepped toward their goals. */
CALM_TARGET static inline __m512i calm_step(const world_calm_layout *l, int from, __m512i v,
                                            __m512i endow, const __m512i row[4], __m512i rate)
{
    __m512i half = _mm512_permutexvar_epi16(_mm512_loadu_si512(l->half + from), endow);
    __m512i nib = _mm512_and_si512(_mm512_srlv_epi16(half, _mm512_loadu_si512(l->shift + from)),
                                   _mm512_set1_epi16(15));
    __m512i idx = _mm512_add_epi16(nib, _mm512_loadu_si512(l->base + from));
    __m512i lo = _mm512_permutex2var_epi16(row[0], idx, row[1]);
    __m512i hi = _mm512_permutex2var_epi16(row[2], idx, row[3]);
    __m512i goal = _mm512_mask_blend_epi16((__mmask32)(l->upper >> from), lo, hi);
    /* lanes.h's rule: the rise or the fall (the other 0) x rate / 65536, rounded down. */
    __m512i up = _mm512_mulhi_epu16(_mm512_subs_epu16(goal, v), rate);
    __m512i down = _mm512_mulhi_epu16(_mm512_subs_epu16(v, goal), rate);
    return _mm512_sub_epi16(_mm512_add_epi16(v, up), down);
}

/* The calm people's sums and counts while a batch's groups run, in registers
** (world_calm's fields of the same names, in the same lanes, until spilled). */
typedef struct calm_regs {
    __m512i sum[4], below[2], n_hot, n_group, n_kind[2], want, logwant, grievance;
} calm_regs;

CALM_TARGET static inline void calm_regs_zero(calm_regs *r)
{
    const __m512i z = _mm512_setzero_si512();
    for (int q = 0; q < 4; q++)
        r->sum[q] = z;
    r->below[0] = r->below[1] = r->n_hot = r->n_group = r->n_kind[0] = r->n_kind[1] = z;
    r->want = r->logwant = r->grievance = z;
}

/* Add r to c's fields (the ones world_calm_flush adds to the sums); zero r. */
CALM_TARGET static void calm_regs_spill(world_calm *c, calm_regs *r)
{
#define CALM_SPILL(ptr, v, add) _mm512_storeu_si512((ptr), add(_mm512_loadu_si512(ptr), (v)))
    for (int q = 0; q < 4; q++)
        CALM_SPILL(c->sum + 16 * q, r->sum[q], _mm512_add_epi32);
    CALM_SPILL(c->below, r->below[0], _mm512_add_epi16);
    CALM_SPILL(c->below + 32, r->below[1], _mm512_add_epi16);
    CALM_SPILL(c->n_hot, r->n_hot, _mm512_add_epi64);
    CALM_SPILL(c->n_group, r->n_group, _mm512_add_epi64);
    CALM_SPILL(c->n_kind, r->n_kind[0], _mm512_add_epi64);
    CALM_SPILL(c->n_kind + 8, r->n_kind[1], _mm512_add_epi64);
    CALM_SPILL(c->want, r->want, _mm512_add_epi64);
    CALM_SPILL(c->logwant, r->logwant, _mm512_add_epi64);
    CALM_SPILL(c->grievance, r->grievance, _mm512_add_epi64);
#undef CALM_SPILL
    calm_regs_zero(r);
}

/* Add to lane q (q < 8) of acc how many of the eight people with mask m have
** value q + from in vals (a byte each): vals copied eight times over a
** register, byte 8q + p is person p's, compared with q + from. */
CALM_TARGET static inline void calm_tally(__m512i *acc, __m128i vals, __mmask8 m, int from)
{
    const __m512i q = _mm512_set_epi64(0x0707070707070707, 0x0606060606060606, 0x0505050505050505,
                                       0x0404040404040404, 0x0303030303030303, 0x0202020202020202,
                                       0x0101010101010101, 0);
    __m512i rep = _mm512_broadcastq_epi64(vals);
    __mmask64 hit = _mm512_cmpeq_epi8_mask(rep, _mm512_add_epi8(q, _mm512_set1_epi8((char)from)));
    hit &= (__mmask64)((uint64_t)m * 0x0101010101010101u);
    /* Each 64-bit lane's eight bytes (0 or 1) summed: the count of value q + from. */
    __m512i n = _mm512_sad_epu8(_mm512_maskz_set1_epi8(hit, 1), _mm512_setzero_si512());
    *acc = _mm512_add_epi64(*acc, n);
}

__attribute__((always_inline)) CALM_TARGET static inline unsigned
calm_group_avx512(world_calm *c, calm_regs *r, size_t i0, const uint32_t *const w[4])
{
    const world_calm_layout *l = &c->lanes;
    /* The group's place: its first person's at home and standing. */
    __mmask8 home = _mm256_cmplt_epi32_mask(_mm256_loadu_si256((const __m256i *)(c->link + i0)),
                                            _mm256_setzero_si256());
    home &= (__mmask8)_mm_cmpeq_epi8_mask(_mm_loadl_epi64((const __m128i *)(c->status + i0)),
                                          _mm_set1_epi8(HS_PS_HOME));
    /* Levels four groups ahead, and the groups' line: the hardware's prefetchers
    ** lost these streams among the pass's many (by perf, the path's largest stalls). */
    const char *ahead = (const char *)(c->level + (i0 + 4 * CALM_PEOPLE) * HS_DIM_COUNT);
    __builtin_prefetch(ahead, 1);
    __builtin_prefetch(ahead + 64, 1);
    __builtin_prefetch(c->group + i0 + 64);
    if (!home) return 0;
    int ref = __builtin_ctz(home);
    int loc = c->loc[i0 + (size_t)ref];
    if (loc != c->cell_loc) calm_cell(c, loc);
    if (!c->cell_ok) return 0;
    /* At home, standing at the group's place, with its home state. */
    __mmask8 m = home & _mm256_cmpeq_epi32_mask(_mm256_loadu_si256((const __m256i *)(c->loc + i0)),
                                                _mm256_set1_epi32(loc));
    int hs = c->home_state[i0 + (size_t)ref];
    m &= (__mmask8)_mm_cmpeq_epi8_mask(_mm_loadl_epi64((const __m128i *)(c->home_state + i0)),
                                       _mm_set1_epi8((char)hs));
    /* deaths(): not today's natural death, and the first word above every hazard. */
    m &= _mm256_cmpgt_epi32_mask(_mm256_loadu_si256((const __m256i *)(c->dies + i0)),
                                 _mm256_set1_epi32(c->day));
    m &= _mm256_cmpge_epu32_mask(_mm256_loadu_si256((const __m256i *)w[0]),
                                 _mm256_set1_epi32((int)(uint32_t)c->cell_death_w));
    /* disease(): nothing to change - not infected, and not infected today. */
    __m128i dis = _mm_loadl_epi64((const __m128i *)(c->disease + i0));
    m &= (__mmask8)_mm_cmpneq_epi8_mask(dis, _mm_set1_epi8(WORLD_INFECTED));
    if (c->cell_infect_w > 0) {
        __mmask8 infected_today =
            (__mmask8)_mm_cmpeq_epi8_mask(dis, _mm_set1_epi8(WORLD_SUSCEPTIBLE));
        if (c->cell_infect_w <= UINT32_MAX)
            infected_today &=
                _mm256_cmplt_epu32_mask(_mm256_loadu_si256((const __m256i *)w[3]),
                                        _mm256_set1_epi32((int)(uint32_t)c->cell_infect_w));
        m &= (__mmask8)~infected_today;
    }
    if (!m) return 0;

    /* levels(): the eight people's 56 levels toward their goals at home here. */
    const uint16_t *x = c->level + i0 * HS_DIM_COUNT;
    __m512i v0 = _mm512_loadu_si512(x);
    __m512i v1 = _mm512_maskz_loadu_epi16(0x00ffffffu, x + 32);
    __m512i endow = _mm512_zextsi256_si512(_mm256_loadu_si256((const __m256i *)(c->endow + i0)));
    __m512i row[4] = {_mm512_loadu_si512(c->cell_row), _mm512_loadu_si512(c->cell_row + 32),
                      _mm512_loadu_si512(c->cell_row + 64),
                      _mm512_maskz_loadu_epi16(0x0000ffffu, c->cell_row + 96)};
    __m512i rate = _mm512_set1_epi16((short)c->rate);
    __m512i n0 = calm_step(l, 0, v0, endow, row, rate);
    __m512i n1 = calm_step(l, 32, v1, endow, row, rate);

    /* hardship() of the stepped levels: lack = 1 - mean(economic, food, health,
    ** political), min(1, 2 h lack), h the top nibble of the endowment. */
    __m256i econ = calm_dim(l, HS_DIM_ECONOMIC, n0, n1);
    __m256i food = calm_dim(l, HS_DIM_FOOD, n0, n1);
    __m256i three =
        _mm256_add_epi32(_mm256_add_epi32(econ, food), calm_dim(l, HS_DIM_HEALTH, n0, n1));
    __m256i sum = _mm256_add_epi32(three, calm_dim(l, HS_DIM_POLITICAL, n0, n1));
    __m256i lack = _mm256_sub_epi32(_mm256_set1_epi32(WORLD_ONE), _mm256_srli_epi32(sum, 2));
    __m256i e = _mm512_castsi512_si256(endow);
    __m256i h =
        _mm256_add_epi32(_mm256_slli_epi32(_mm256_srli_epi32(e, 28), 1), _mm256_set1_epi32(1));
    __m256i hd = _mm256_min_epi32(_mm256_srli_epi32(_mm256_mullo_epi32(lack, h), 4),
                                  _mm256_set1_epi32(WORLD_ONE));

    /* unrest(): Epstein's G = H (1 - L) and the test G - R P > T, in doubles, in
    ** decide()'s order of operations. */
    __m512d g =
        _mm512_mul_pd(_mm512_mul_pd(_mm512_cvtepi32_pd(hd), _mm512_set1_pd(1.0 / WORLD_ONE)),
                      _mm512_set1_pd(c->cell_illegit));
    __m512d risk = _mm512_mul_pd(
        _mm512_cvtepi32_pd(_mm256_cvtepu8_epi32(_mm_loadl_epi64((const __m128i *)(c->risk + i0)))),
        _mm512_set1_pd(1.0 / 255.0));
    /* flight(): a person whose second word is below the most afraid's chance to
    ** flee weighs their own fear and want, F = w_fear (1 - personal) + w_want (1 -
    ** (economic + food + environmental) / 3), and flees when F > theta and the draw
    ** is below rate (F - theta) / (1 - theta) (1/2 + risk aversion): those who do
    ** are not calm. */
    if (c->m4_on && c->flee_w > 0) {
        __m256i w1 = _mm256_loadu_si256((const __m256i *)w[1]);
        __mmask8 drawn =
            c->flee_w > UINT32_MAX
                ? 0xff
                : _mm256_cmplt_epu32_mask(w1, _mm256_set1_epi32((int)(uint32_t)c->flee_w));
        if (drawn & m) {
            const hs_world_params *p = c->sim->p;
            const __m512d one = _mm512_set1_pd(1.0);
            __m512d fear = _mm512_sub_pd(
                one, _mm512_mul_pd(_mm512_cvtepi32_pd(calm_dim(l, HS_DIM_PERSONAL, n0, n1)),
                                   _mm512_set1_pd(1.0 / WORLD_ONE)));
            __m512d have =
                _mm512_add_pd(_mm512_add_pd(_mm512_cvtepi32_pd(econ), _mm512_cvtepi32_pd(food)),
                              _mm512_cvtepi32_pd(calm_dim(l, HS_DIM_ENVIRONMENTAL, n0, n1)));
            __m512d want =
                _mm512_sub_pd(one, _mm512_mul_pd(have, _mm512_set1_pd(1.0 / (3.0 * WORLD_ONE))));
            __m512d f = _mm512_add_pd(_mm512_mul_pd(_mm512_set1_pd(p->w_fear), fear),
                                      _mm512_mul_pd(_mm512_set1_pd(p->w_want), want));
            __m512d theta = _mm512_set1_pd(p->flee_threshold);
            __m512d chance = _mm512_mul_pd(
                _mm512_div_pd(_mm512_mul_pd(_mm512_set1_pd(p->flee_rate), _mm512_sub_pd(f, theta)),
                              _mm512_set1_pd(1.0 - p->flee_threshold)),
                _mm512_add_pd(_mm512_set1_pd(0.5), risk));
            __m512d u = _mm512_mul_pd(_mm512_add_pd(_mm512_cvtepu32_pd(w1), _mm512_set1_pd(0.5)),
                                      _mm512_set1_pd(1.0 / 4294967296.0));
            __mmask8 flees = _mm512_cmp_pd_mask(f, theta, _CMP_GT_OQ) &
                             _mm512_cmp_pd_mask(u, chance, _CMP_LT_OQ);
            m &= (__mmask8) ~(drawn & flees);
        }
    }
    __m512d t = _mm512_set1_pd(c->cv_threshold);
    __mmask8 willing =
        _mm512_cmp_pd_mask(g, t, _CMP_GT_OQ) &
        _mm512_cmp_pd_mask(_mm512_sub_pd(g, _mm512_mul_pd(risk, _mm512_set1_pd(c->cell_arrest_p))),
                           t, _CMP_GT_OQ);
    m &= (__mmask8)~willing;
    /* Ages in days, for M6's youths and the kinds' age bands. */
    __m256i age = _mm256_sub_epi32(_mm256_set1_epi32(c->day),
                                   _mm256_loadu_si256((const __m256i *)(c->born + i0)));
    /* M6 at home: a youth below the critical livelihood, aggrieved enough, whose
    ** third word is below the most such a youth's chance could be. */
    if (c->m6_home_on) {
        __mmask8 youth = _mm256_cmpge_epi32_mask(age, _mm256_set1_epi32(WORLD_YOUTH_FROM * 365)) &
                         _mm256_cmplt_epi32_mask(age, _mm256_set1_epi32(WORLD_YOUTH_TO * 365));
        __mmask8 poor = _mm256_cmplt_epi32_mask(econ, _mm256_set1_epi32(c->econ_crit));
        __mmask8 aggrieved = _mm512_cmp_pd_mask(g, _mm512_set1_pd(c->m6_threshold), _CMP_GT_OQ);
        __mmask8 drawn =
            c->cell_m6_w > UINT32_MAX
                ? 0xff
                : _mm256_cmplt_epu32_mask(_mm256_loadu_si256((const __m256i *)w[2]),
                                          _mm256_set1_epi32((int)(uint32_t)c->cell_m6_w));
        m &= (__mmask8) ~(youth & poor & aggrieved & drawn);
    }
    if (!m) return 0;

    /* Their (place, home state)'s sums: the lanes hold another's until flushed. */
    int64_t *a = c->acc + ((size_t)loc * (size_t)c->nstates + (size_t)hs) * A_COUNT;
    /* The 16-bit counts below critical hold 65,535 groups: flushed before. */
    if (a != c->acc_cell || c->pending == 65535) {
        calm_regs_spill(c, r);
        world_calm_flush(c);
        c->acc_cell = a;
    }
    c->pending++;

    /* The calm people's day, and only theirs: levels stored, active flag cleared.
    ** Person p's bit to lane 7p (pdep), then to lanes 7p .. 7p + 6 (x 0x7f: no carries). */
    uint64_t lanes = _pdep_u64(m, 0x0002040810204081u) * 0x7fu;
    __mmask32 lo = (__mmask32)lanes, hi = (__mmask32)(lanes >> 32);
    uint16_t *lv = c->level + i0 * HS_DIM_COUNT;
    _mm512_mask_storeu_epi16((void *)lv, lo, n0);
    _mm512_mask_storeu_epi16((void *)(lv + 32), hi, n1);
    __m128i flags = _mm_loadl_epi64((const __m128i *)(c->flags + i0));
    _mm_mask_storeu_epi8((void *)(c->flags + i0), (__mmask16)m,
                         _mm_andnot_si128(_mm_set1_epi8(WORLD_ACTIVE), flags));

    /* sums(): the level sums and counts below the critical levels, lane by lane
    ** (each lane keeps one dimension); each person's count of dimensions below. */
    __m512i z0 = _mm512_maskz_mov_epi16(lo, n0), z1 = _mm512_maskz_mov_epi16(hi, n1);
    const __m512i part[4] = {_mm512_cvtepu16_epi32(_mm512_castsi512_si256(z0)),
                             _mm512_cvtepu16_epi32(_mm512_extracti64x4_epi64(z0, 1)),
                             _mm512_cvtepu16_epi32(_mm512_castsi512_si256(z1)),
                             _mm512_cvtepu16_epi32(_mm512_extracti64x4_epi64(z1, 1))};
    for (int q = 0; q < 4; q++)
        r->sum[q] = _mm512_add_epi32(r->sum[q], part[q]);
    __mmask32 b0 = _mm512_mask_cmplt_epu16_mask(lo, n0, _mm512_loadu_si512(l->crit));
    __mmask32 b1 = _mm512_mask_cmplt_epu16_mask(hi, n1, _mm512_loadu_si512(l->crit + 32));
    const __m512i one = _mm512_set1_epi16(1);
    r->below[0] = _mm512_mask_add_epi16(r->below[0], b0, r->below[0], one);
    r->below[1] = _mm512_mask_add_epi16(r->below[1], b1, r->below[1], one);
    /* Person p's seven bits to byte p (pdep), each byte's bits counted in place. */
    uint64_t hot = _pdep_u64((uint64_t)b0 | (uint64_t)b1 << 32, 0x7f7f7f7f7f7f7f7fu);
    hot -= (hot >> 1) & 0x5555555555555555u;
    hot = (hot & 0x3333333333333333u) + ((hot >> 2) & 0x3333333333333333u);
    hot = (hot + (hot >> 4)) & 0x0f0f0f0f0f0f0f0fu;
    calm_tally(&r->n_hot, _mm_cvtsi64_si128((long long)hot), m, 0);
    calm_tally(&r->n_group, _mm_loadl_epi64((const __m128i *)(c->group + i0)), m, 0);
    /* Want, the mean of economic, food and health (n / 3 as (n x 174,763) >> 19, exact
    ** for n < 2^19), and its logarithm from the table's bin want >> 6. */
    __m512i want = _mm512_srli_epi64(
        _mm512_mul_epu32(_mm512_cvtepu32_epi64(three), _mm512_set1_epi64(174763)), 19);
    __m512i logw = _mm512_mask_i64gather_epi64(_mm512_setzero_si512(), m,
                                               _mm512_srli_epi64(want, 6), c->logtab, 8);
    r->want = _mm512_mask_add_epi64(r->want, m, r->want, want);
    r->logwant = _mm512_mask_add_epi64(r->logwant, m, r->logwant, logw);
    /* Grievance in fixed point, H x (ONE - L) / ONE rounded down. Both factors are
    ** at most 65,535, so the product x fits 32 bits, and x / 65,535 rounded down
    ** is (x + (x >> 16) + 1) >> 16 (checked for every such x; no sum overflows). */
    __m256i gx = _mm256_mullo_epi32(hd, _mm256_set1_epi32((int)c->cell_illegit_fix));
    __m256i quot = _mm256_srli_epi32(
        _mm256_add_epi32(_mm256_add_epi32(gx, _mm256_srli_epi32(gx, 16)), _mm256_set1_epi32(1)),
        16);
    r->grievance =
        _mm512_mask_add_epi64(r->grievance, m, r->grievance, _mm512_cvtepu32_epi64(quot));
    /* Kinds: at home, not active, not infected; the age band (world_kind_band's
    ** bounds) and the sex. */
    const int bounds[4] = {WORLD_WORK_FROM, WORLD_ADULT, WORLD_FERTILE_TO, WORLD_WORK_TO};
    __m256i kind = _mm256_setzero_si256();
    for (int q = 0; q < 4; q++)
        kind = _mm256_mask_add_epi32(
            kind, _mm256_cmpge_epi32_mask(age, _mm256_set1_epi32(bounds[q] * 365)), kind,
            _mm256_set1_epi32(2));
    __mmask8 female = (__mmask8)_mm_test_epi8_mask(flags, _mm_set1_epi8(WORLD_FEMALE));
    kind = _mm256_mask_add_epi32(kind, female, kind, _mm256_set1_epi32(1));
    __m128i kinds = _mm256_cvtepi32_epi8(kind);
    calm_tally(&r->n_kind[0], kinds, m, 0);
    calm_tally(&r->n_kind[1], kinds, m, 8);
    c->days += __builtin_popcount(m);
    return m;
}
#endif

#ifdef CALM_AVX512
/* The groups in one loop, their sums and counts in registers until the
** (place, home state) changes or the loop ends. */
CALM_TARGET static void calm_groups_avx512(world_calm *c, size_t i0, long ngroups,
                                           const uint32_t *const w[4], uint8_t *calm)
{
    calm_regs r;
    calm_regs_zero(&r);
    for (long g = 0; g < ngroups; g++) {
        const uint32_t *const wg[4] = {w[0] + 8 * g, w[1] + 8 * g, w[2] + 8 * g, w[3] + 8 * g};
        calm[g] = (uint8_t)calm_group_avx512(c, &r, i0 + 8 * (size_t)g, wg);
    }
    calm_regs_spill(c, &r);
}
#endif

void world_calm_groups(world_calm *c, size_t i0, long ngroups, const uint32_t *const w[4],
                       uint8_t *calm)
{
#ifdef CALM_AVX512
    calm_groups_avx512(c, i0, ngroups, w, calm);
#else
    (void)c, (void)i0, (void)w;
    memset(calm, 0, (size_t)(ngroups > 0 ? ngroups : 0));
#endif
}

void world_calm_flush(world_calm *c)
{
    if (!c->acc_cell) return;
    for (int p = 0; p < CALM_PEOPLE; p++)
        for (int d = 0; d < HS_DIM_COUNT; d++) {
            c->acc_cell[A_SUM + d] += c->sum[HS_DIM_COUNT * p + d];
            c->acc_cell[A_BELOW + d] += c->below[HS_DIM_COUNT * p + d];
        }
    int64_t *a = c->acc_cell;
    uint32_t *kinds = c->kinds + (size_t)(a - c->acc) / A_COUNT * WORLD_KINDS;
    int32_t home = world_kind(HS_PS_HOME, 0, 0, 0, 0);
    for (int q = 0; q < 8; q++) {
        a[A_HOT + q] += (int64_t)c->n_hot[q];
        a[A_GROUP + q] += (int64_t)c->n_group[q];
        a[A_WANT] += c->want[q];
        a[A_LOGWANT] += c->logwant[q];
        a[A_GRIEVANCE] += c->grievance[q];
    }
    for (int r = 0; r < 2 * WORLD_KIND_BANDS; r++)
        kinds[home + r / 2 * c->kind_band + r % 2 * c->kind_female] += (uint32_t)c->n_kind[r];
    memset(c->sum, 0, sizeof c->sum);
    memset(c->below, 0, sizeof c->below);
    memset(c->n_hot, 0, sizeof c->n_hot);
    memset(c->n_group, 0, sizeof c->n_group);
    memset(c->n_kind, 0, sizeof c->n_kind);
    memset(c->want, 0, sizeof c->want);
    memset(c->logwant, 0, sizeof c->logwant);
    memset(c->grievance, 0, sizeof c->grievance);
    c->acc_cell = NULL;
    c->pending = 0;
}

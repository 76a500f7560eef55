/* evidence.c -- the fitted story model (weights in data/weights.c). */
#include "story/evidence.h"

#include <math.h>

const char *const td__evidence_names[TD__X_N] = {
    [TD__X_TERM] = "term",
    [TD__X_PIVOT] = "pivot",
    [TD__X_ENTITY] = "entity",
    [TD__X_NUMBER] = "number",
    [TD__X_DATE] = "date",
    [TD__X_CENTRAL] = "central",
    [TD__X_COUNTRY] = "country",
    [TD__X_CENTRAL_KNOWN] = "central_known",
    [TD__X_SCENE_CONFLICT] = "scene_conflict",
    [TD__X_SCENE_NEW] = "scene_new",
    [TD__X_DAY_GAP] = "day_gap",
    [TD__X_MENTION_GAP] = "mention_gap",
    [TD__X_NO_TIME] = "no_time",
    [TD__X_MONTH_APART] = "month_apart",
    [TD__X_SEASON_APART] = "season_apart",
    [TD__X_SAME_LANG] = "same_lang",
};

/* A logistic model's probability: 1 / (1 + e^-(b + w.x)). */
static double logistic(double b, const double *w, const double *x, int n)
{
    double z = b;
    for (int i = 0; i < n; i++)
        z += w[i] * x[i];
    return 1.0 / (1.0 + exp(-z));
}

double td__evidence_prob(const double x[TD__X_N])
{
    return logistic(td__story_model.intercept, td__story_model.w, x, TD__X_N);
}

const char *const td__translation_names[TD__T_N] = {
    [TD__T_LENGTH] = "length",
    [TD__T_NAMES] = "names",
    [TD__T_RARE_SHARED] = "rare_shared",
    [TD__T_FIGURES] = "figures",
    [TD__T_NO_FIGURES] = "no_figures",
    [TD__T_CONCEPTS] = "concepts",
    [TD__T_NO_CONCEPTS] = "no_concepts",
};

double td__translation_prob(const double x[TD__T_N])
{
    return logistic(td__translation_model.intercept, td__translation_model.w,
                    x, TD__T_N);
}

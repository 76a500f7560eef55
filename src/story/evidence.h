/* evidence.h -- what the clusterer weighs when it compares an article with
 * a story, and the fitted model that weighs it.
 *
 * Each comparison is a vector of TD__X_N numbers; the weights of a logistic
 * model over them are fitted on labelled article/story pairs from the dev
 * sets by tools/fit_weights.py and generated into data/weights.c, with the
 * data and command that produced them. Nothing here is tuned by hand. */
#ifndef TD_STORY_EVIDENCE_H
#define TD_STORY_EVIDENCE_H

enum {
    /* cosines of the article against the story's centroid, per kind of
     * feature (story/features.h), in the same order */
    TD__X_TERM = 0,
    TD__X_PIVOT,
    TD__X_ENTITY,
    TD__X_NUMBER,
    TD__X_DATE,
    TD__X_CENTRAL,
    TD__X_COUNTRY,
    /* the share of what the article is about (its central entities,
     * weighted by rarity) that the story names at all */
    TD__X_CENTRAL_KNOWN,
    /* both name countries and share none: another scene */
    TD__X_SCENE_CONFLICT,
    /* the share of the article's country mentions going to countries the
     * story never names (a second scene: the war in Ukraine beside the
     * unrest in Kazakhstan) */
    TD__X_SCENE_NEW,
    /* log(1 + days) between the article's publication day and the story's
     * span, beyond a grace of a few days; 0 when either is undated */
    TD__X_DAY_GAP,
    /* the same from the dates the texts mention, when publication dates do
     * not both exist */
    TD__X_MENTION_GAP,
    /* 1 when nothing places the article and the story in time together */
    TD__X_NO_TIME,
    /* 1 when the nearest times (publication days, else mentioned dates)
     * are one to three months apart, and when more: another event, often */
    TD__X_MONTH_APART,
    TD__X_SEASON_APART,
    /* the share of the story's articles in the article's language */
    TD__X_SAME_LANG,
    TD__X_N
};

/* Names of the evidence, for traces and the fitting tool ("term", ...). */
extern const char *const td__evidence_names[TD__X_N];

/* The fitted model (data/weights.c): intercept, one weight per evidence;
 * the probability to join a story, for one article binding two stories to
 * merge them, and for a story's articles on average to merge it into
 * another; the least summed weight of shared content (term to central)
 * an article needs to join anything; the most days an article may lie
 * from a story's span and still join it (a story is one event: beyond
 * this a second visit, a second attack). */
typedef struct td__evidence_model {
    double intercept;
    double w[TD__X_N];
    double join_p, merge_p, story_p, min_content;
    int max_gap_days;
    const char *provenance;
} td__evidence_model;
extern const td__evidence_model td__story_model;

/* The model's probability that an article with evidence x belongs to the
 * story. */
double td__evidence_prob(const double x[TD__X_N]);

/* Evidence that two articles in two languages are one text translated,
 * each in [0, 1]. */
enum {
    TD__T_LENGTH = 0,    /* shorter / longer, in tokens */
    TD__T_NAMES,         /* Jaccard of names, figures and dates */
    TD__T_RARE_SHARED,   /* rarity-weighted share of the poorer side's */
    TD__T_FIGURES,       /* Jaccard of figures and dates alone */
    TD__T_NO_FIGURES,    /* neither has any */
    TD__T_CONCEPTS,      /* cosine of pivot concepts */
    TD__T_NO_CONCEPTS,   /* one side has no dictionary */
    TD__T_N
};
extern const char *const td__translation_names[TD__T_N];

/* Fitted by tools/fit_translations.py (data/translation.c): a translation
 * when the probability reaches p. */
typedef struct td__translation_model_t {
    double intercept;
    double w[TD__T_N];
    double p;
    const char *provenance;
} td__translation_model_t;
extern const td__translation_model_t td__translation_model;
double td__translation_prob(const double x[TD__T_N]);

#endif

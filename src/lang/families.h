/* families.h -- the close language families, shared by the run-time
 * scorer (src/lang/langid.c decides among a family's members again, on
 * distinctive features only) and the generator (tools/gen_langid.c keeps,
 * for each member, the features that tell it from the others), so that
 * both mean the same families.
 *
 * Codes as the model reports them; a family's members are those present
 * in one script group (Serbian and Bosnian are in two families: the Latin
 * one among Latin letters, the Slavic Cyrillic one among Cyrillic). */
#ifndef TD_LANG_FAMILIES_H
#define TD_LANG_FAMILIES_H

#define MAXFAM 8 /* members of a family, at most */

static const char *const td__lang_families[][MAXFAM + 1] = {
    {"sr", "hr", "bs", "cnr", "sl", NULL},
    {"ru", "uk", "be", "bg", "mk", "sr", "bs", NULL},
    {"cs", "sk", NULL},
    {"es", "ast", "gl", "pt", "ca", "oc", NULL},
    {"no", "da", "sv", NULL},
    {"id", "ms", NULL},
    {"hi", "ne", "mr", NULL},
    {"de", "lb", NULL},
    {"nl", "af", "fy", NULL},
    {"tr", "az", "tk", NULL},
};
#define TD__LANG_NFAMILIES \
    (sizeof td__lang_families / sizeof td__lang_families[0])

#endif

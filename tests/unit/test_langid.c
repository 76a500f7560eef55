/* test_langid.c -- language identification through src/lang/langid.h and
 * the public td_langid: one short self-written news-like sentence or two
 * per language, close pairs, mixed scripts, no-signal input, invalid UTF-8,
 * the hint, the scan cap; the close families, the news priors (a rare
 * neighbour never wins by default), confidence without distinguishing
 * evidence, the runner-up, short titles in every script. */
#include "testutil.h"

#include "lang/langid.h"
#include "tidings.h"

typedef struct sample {
    const char *lang;
    const char *text;
} sample;

static const sample samples[] = {
    {"en", "The government announced on Tuesday that the new budget will "
           "increase spending on schools and hospitals across the country."},
    {"de", "Die Regierung hat am Dienstag angekündigt, dass der neue "
           "Haushalt mehr Geld für Schulen und Krankenhäuser vorsieht."},
    {"fr", "Le gouvernement a annoncé mardi que le nouveau budget "
           "augmentera les dépenses pour les écoles et les hôpitaux."},
    {"es", "El gobierno anunció el martes que el nuevo presupuesto "
           "aumentará el gasto en escuelas y hospitales de todo el país."},
    {"pt", "O governo anunciou na terça-feira que o novo orçamento vai "
           "aumentar os gastos com escolas e hospitais em todo o país."},
    {"it", "Il governo ha annunciato martedì che la nuova legge di bilancio "
           "aumenterà la spesa per le scuole e gli ospedali del paese."},
    {"nl", "De regering heeft dinsdag aangekondigd dat de nieuwe begroting "
           "meer geld uittrekt voor scholen en ziekenhuizen in het land."},
    {"ca", "El govern va anunciar dimarts que el nou pressupost augmentarà "
           "la despesa en escoles i hospitals de tot el país."},
    {"gl", "O goberno anunciou o martes que o novo orzamento aumentará o "
           "gasto en escolas e hospitais de todo o país, segundo a Xunta."},
    {"eu", "Gobernuak asteartean iragarri zuen aurrekontu berriak eskoletan "
           "eta ospitaleetan gastua handituko duela herrialde osoan."},
    {"pl", "Rząd ogłosił we wtorek, że nowy budżet zwiększy wydatki na "
           "szkoły i szpitale w całym kraju."},
    {"cs", "Vláda v úterý oznámila, že nový rozpočet zvýší výdaje na školy "
           "a nemocnice v celé zemi."},
    {"sk", "Vláda v utorok oznámila, že nový rozpočet zvýši výdavky na "
           "školy a nemocnice v celej krajine."},
    {"sl", "Vlada je v torek napovedala, da bo novi proračun povečal "
           "izdatke za šole in bolnišnice po vsej državi."},
    {"sr", "Влада је у уторак саопштила да ће нови буџет повећати "
           "издатке за школе и болнице у целој земљи."},
    {"ro", "Guvernul a anunțat marți că noul buget va crește cheltuielile "
           "pentru școli și spitale din toată țara."},
    {"hu", "A kormány kedden bejelentette, hogy az új költségvetés növeli "
           "az iskolákra és a kórházakra fordított kiadásokat."},
    {"fi", "Hallitus ilmoitti tiistaina, että uusi talousarvio lisää "
           "koulujen ja sairaaloiden rahoitusta koko maassa."},
    {"et", "Valitsus teatas teisipäeval, et uus eelarve suurendab kogu "
           "riigis koolide ja haiglate kulutusi."},
    {"lv", "Valdība otrdien paziņoja, ka jaunais budžets palielinās "
           "izdevumus skolām un slimnīcām visā valstī."},
    {"lt", "Vyriausybė antradienį paskelbė, kad naujasis biudžetas padidins "
           "išlaidas mokykloms ir ligoninėms visoje šalyje."},
    {"sv", "Regeringen meddelade på tisdagen att den nya budgeten ökar "
           "utgifterna för skolor och sjukhus i hela landet."},
    {"da", "Regeringen meddelte tirsdag, at det nye budget vil øge "
           "udgifterne til skoler og hospitaler i hele landet."},
    {"no", "Regjeringen kunngjorde tirsdag at det nye budsjettet vil øke "
           "utgiftene til skoler og sykehus i hele landet."},
    {"is", "Ríkisstjórnin tilkynnti á þriðjudag að nýju fjárlögin muni "
           "auka útgjöld til skóla og sjúkrahúsa um allt land."},
    {"ga", "D'fhógair an rialtas Dé Máirt go méadóidh an buiséad nua an "
           "caiteachas ar scoileanna agus ar ospidéil ar fud na tíre."},
    {"mt", "Il-gvern ħabbar nhar it-Tlieta li l-baġit il-ġdid se jżid "
           "l-infiq fuq l-iskejjel u l-isptarijiet madwar il-pajjiż."},
    {"tr", "Hükümet salı günü yeni bütçenin ülke genelindeki okullar ve "
           "hastaneler için harcamaları artıracağını açıkladı."},
    {"az", "Hökumət çərşənbə axşamı yeni büdcənin bütün ölkədə məktəblər və "
           "xəstəxanalar üçün xərcləri artıracağını açıqladı."},
    {"id", "Pemerintah mengumumkan pada hari Selasa bahwa anggaran baru "
           "akan meningkatkan belanja untuk sekolah dan rumah sakit. Menteri "
           "Keuangan mengatakan bahwa pemerintah tidak akan menaikkan pajak "
           "tahun ini."},
    {"vi", "Chính phủ hôm thứ Ba thông báo rằng ngân sách mới sẽ tăng chi "
           "tiêu cho trường học và bệnh viện trên cả nước."},
    {"sq", "Qeveria njoftoi të martën se buxheti i ri do të rrisë "
           "shpenzimet për shkollat dhe spitalet në të gjithë vendin."},
    {"sw", "Serikali ilitangaza Jumanne kwamba bajeti mpya itaongeza "
           "matumizi kwa shule na hospitali kote nchini."},
    {"af", "Die regering het Dinsdag aangekondig dat die nuwe begroting "
           "meer geld aan skole en hospitale regoor die land sal bestee."},
    {"ru", "Правительство во вторник объявило, что новый бюджет увеличит "
           "расходы на школы и больницы по всей стране."},
    {"uk", "Уряд у вівторок оголосив, що новий бюджет збільшить видатки на "
           "школи та лікарні по всій країні."},
    {"be", "Урад у аўторак абвясціў, што новы бюджэт павялічыць выдаткі на "
           "школы і бальніцы па ўсёй краіне."},
    {"bg", "Правителството обяви във вторник, че новият бюджет ще увеличи "
           "разходите за училища и болници в цялата страна."},
    {"mk", "Владата во вторникот објави дека новиот буџет ќе ги зголеми "
           "трошоците за училиштата и болниците низ целата земја."},
    {"kk", "Үкімет сейсенбі күні жаңа бюджет бүкіл елдегі мектептер мен "
           "ауруханаларға арналған шығындарды арттыратынын хабарлады."},
    {"ar", "أعلنت الحكومة يوم الثلاثاء أن الميزانية الجديدة ستزيد الإنفاق "
           "على المدارس والمستشفيات في جميع أنحاء البلاد."},
    {"fa", "دولت روز سه‌شنبه اعلام کرد که بودجه جدید هزینه‌های مدارس و "
           "بیمارستان‌ها را در سراسر کشور افزایش می‌دهد."},
    {"ur", "حکومت نے منگل کو اعلان کیا کہ نیا بجٹ پورے ملک میں اسکولوں اور "
           "ہسپتالوں پر اخراجات میں اضافہ کرے گا۔"},
    {"he", "הממשלה הודיעה ביום שלישי כי התקציב החדש יגדיל את ההוצאות על "
           "בתי ספר ובתי חולים בכל רחבי הארץ."},
    {"hi", "सरकार ने मंगलवार को घोषणा की कि नया बजट पूरे देश में स्कूलों और "
           "अस्पतालों पर खर्च बढ़ाएगा।"},
    {"el", "Η κυβέρνηση ανακοίνωσε την Τρίτη ότι ο νέος προϋπολογισμός θα "
           "αυξήσει τις δαπάνες για σχολεία και νοσοκομεία."},
    {"zh", "政府星期二宣布，新预算将增加全国学校和医院的支出。"},
    {"ja", "政府は火曜日、新しい予算で全国の学校と病院への支出を増やすと発表"
           "した。"},
    {"ko", "정부는 화요일 새 예산이 전국의 학교와 병원에 대한 지출을 늘릴 "
           "것이라고 발표했다."},
    {"th", "รัฐบาลประกาศเมื่อวันอังคารว่างบประมาณใหม่จะเพิ่มการใช้จ่ายสำหรับ"
           "โรงเรียนและโรงพยาบาลทั่วประเทศ"},
    {"hy", "Կառավարությունը երեքշաբթի հայտարարեց, որ նոր բյուջեն կավելացնի "
           "ծախսերը դպրոցների և հիվանդանոցների համար։"},
    {"ka", "მთავრობამ სამშაბათს გამოაცხადა, რომ ახალი ბიუჯეტი გაზრდის "
           "ხარჯებს სკოლებსა და საავადმყოფოებზე."},
    {"bn", "সরকার মঙ্গলবার ঘোষণা করেছে যে নতুন বাজেট সারা দেশে স্কুল ও "
           "হাসপাতালের ব্যয় বাড়াবে।"},
    {"ta", "புதிய வரவு செலவுத் திட்டம் நாடு முழுவதும் பள்ளிகள் மற்றும் "
           "மருத்துவமனைகளுக்கான செலவை அதிகரிக்கும் என்று அரசு அறிவித்தது."},
};

static void detect(const char *text, const char *hint, td__lang_guess *g)
{
    td__langid_detect(text, strlen(text), hint, g);
    assert_true(g->confidence >= 0 && g->confidence <= 1);
}

static void test_languages(void **state)
{
    (void)state;
    int bad = 0;
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
        td__lang_guess g;
        detect(samples[i].text, NULL, &g);
        if (strcmp(g.code, samples[i].lang) != 0) {
            printf("want %s, got %s (%.3f): %s\n", samples[i].lang, g.code,
                   g.confidence, samples[i].text);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

/* Close pairs, each told apart on a sentence of its own. */
static void test_close_pairs(void **state)
{
    (void)state;
    static const sample pairs[] = {
        {"es", "La ciudad ha decidido cerrar las calles del centro durante "
               "el fin de semana por las fiestas."},
        {"pt", "A cidade decidiu fechar as ruas do centro durante o fim de "
               "semana por causa das festas."},
        {"ca", "La ciutat ha decidit tancar els carrers del centre durant el "
               "cap de setmana per les festes."},
        {"cs", "Policie uzavřela silnici kvůli nehodě dvou nákladních aut a "
               "řidiči musí počítat se zdržením."},
        {"sk", "Polícia uzavrela cestu pre nehodu dvoch nákladných áut a "
               "vodiči musia počítať so zdržaním."},
        {"ru", "Жители города смогут пользоваться новым мостом уже в "
               "следующем году, сообщил мэр."},
        {"uk", "Мешканці міста зможуть користуватися новим мостом уже "
               "наступного року, повідомив мер."},
        {"be", "Жыхары горада змогуць карыстацца новым мостам ужо ў "
               "наступным годзе, паведаміў мэр."},
        /* short: the alphabet decides (ы is not Ukrainian, ї not Russian) */
        {"ru", "Это был сильный шторм."},
        {"uk", "Це була сильна буря, їй дали ім'я."},
        {"da", "Politiet efterlyser vidner til ulykken, som skete sent i "
               "aftes på motorvejen ved byen."},
        {"sv", "Polisen söker vittnen till olyckan, som inträffade sent i "
               "går kväll på motorvägen vid staden."},
        {"id", "Polisi sedang mencari saksi kecelakaan yang terjadi tadi "
               "malam di jalan tol dekat kota itu."},
    };
    /* Croatian, Bosnian and Serbian in Latin letters share nearly all of
     * their words, and so do Malay and Indonesian; the model, learnt from
     * the declaration and software messages (no list of common words
     * exists for Croatian, Bosnian or Malay), tells them apart only on some
     * texts, and the news priors favour Serbian and Indonesian when the
     * evidence is thin. These two sentences are such texts today (read as
     * Serbian and Indonesian: known confusions, listed in the README); they
     * must at least stay in their family, and say they are unsure. */
    td__lang_guess hr, ms;
    detect("Vlada je u utorak objavila da će novi proračun povećati izdatke "
           "za škole i bolnice u cijeloj zemlji.", NULL, &hr);
    assert_true(strcmp(hr.code, "hr") == 0 || strcmp(hr.code, "bs") == 0 ||
                strcmp(hr.code, "sr") == 0);
    assert_true(hr.confidence < 0.8);
    detect("Kerajaan mengumumkan pada hari Selasa bahawa belanjawan baharu "
           "akan meningkatkan perbelanjaan untuk sekolah dan hospital di "
           "seluruh negara.", NULL, &ms);
    assert_true(strcmp(ms.code, "ms") == 0 || strcmp(ms.code, "id") == 0);
    assert_true(ms.confidence < 0.8);
    int bad = 0;
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        td__lang_guess g;
        detect(pairs[i].text, NULL, &g);
        if (strcmp(g.code, pairs[i].lang) != 0) {
            printf("want %s, got %s: %s\n", pairs[i].lang, g.code,
                   pairs[i].text);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

static void assert_und(const char *text, size_t len)
{
    td__lang_guess g;
    td__langid_detect(text, len, NULL, &g);
    assert_string_equal(g.code, "und");
    assert_true(g.confidence == 0);
}

static void test_no_signal(void **state)
{
    (void)state;
    assert_und("", 0);
    assert_und(NULL, 0);
    assert_und("   \n\t  ", 7);
    const char *s = "12 345,67 -- 2024-01-01 !!! ??? (+33) 1 23 45 67 89";
    assert_und(s, strlen(s));
    s = "\xe2\x80\x94 \xe2\x82\xac 100 \xc2\xa9 \xf0\x9f\x98\x80\xf0\x9f\x98\x80";
    assert_und(s, strlen(s));
    s = "\x01\x02\x03\x04\x7f\x1b[0m";
    assert_und(s, strlen(s));
}

static void test_mixed_script(void **state)
{
    (void)state;
    td__lang_guess g;
    /* Latin names in Cyrillic, Devanagari, Han and kana text. */
    detect("Компания Apple и Microsoft представили новые продукты на "
           "выставке в Лас-Вегасе.", NULL, &g);
    assert_string_equal(g.code, "ru");
    detect("Apple और Microsoft ने Las Vegas में नए उत्पाद पेश किए।", NULL, &g);
    assert_string_equal(g.code, "hi");
    detect("苹果公司和Microsoft在拉斯维加斯展示了新产品。", NULL, &g);
    assert_string_equal(g.code, "zh");
    detect("アップルとMicrosoftはラスベガスで新製品を発表した。", NULL, &g);
    assert_string_equal(g.code, "ja");
    /* A Greek word in English text does not make it Greek. */
    detect("The word δημοκρατία means rule by the people, and it was first "
           "used in Athens.", NULL, &g);
    assert_string_equal(g.code, "en");
    assert_true(g.confidence < 1.0);
}

static void test_invalid_utf8(void **state)
{
    (void)state;
    td__lang_guess g;
    /* Truncated and overlong sequences, lone continuation bytes, surrogates:
     * skipped, the rest still read. */
    const char *s = "\xc3\x28 Le gouvernement \xe2\x82 a annonc\xc3 mardi que "
                    "le nouveau \xed\xa0\x80 budget \xc0\xaf augmentera les "
                    "d\xff\xfepenses pour les \x80\x80 \xe9" "coles.\xf0\x9f";
    detect(s, NULL, &g);
    assert_string_equal(g.code, "fr");
    /* Pseudo-random bytes: any answer, no crash, confidence in range. */
    unsigned char buf[4096];
    uint32_t x = 12345;
    for (int round = 0; round < 50; round++) {
        for (size_t i = 0; i < sizeof buf; i++) {
            x = x * 1103515245u + 12345u;
            buf[i] = (unsigned char)(x >> 16);
        }
        detect((const char *)buf, NULL, &g); /* strlen stops at a NUL */
        td__langid_detect((const char *)buf, sizeof buf, NULL, &g);
        assert_true(g.confidence >= 0 && g.confidence <= 1);
        assert_true(strlen(g.code) < sizeof g.code);
    }
}

static void test_hint(void **state)
{
    (void)state;
    td__lang_guess g;
    /* Too short to choose between Spanish and Portuguese: the hint
     * decides. */
    detect("o presidente", "pt", &g);
    assert_string_equal(g.code, "pt");
    detect("o presidente", "es", &g);
    assert_string_equal(g.code, "es");
    detect("o presidente", "PT-br", &g); /* a tag, as feeds declare it */
    assert_string_equal(g.code, "pt");
    td__lang_guess none;
    detect("o presidente", NULL, &none);
    detect("o presidente", "", &g); /* an empty hint is no hint */
    assert_string_equal(g.code, none.code);
    /* A wrong hint does not overturn clear text. */
    detect(samples[0].text, "de", &g);
    assert_string_equal(g.code, "en");
    detect(samples[1].text, "fr", &g);
    assert_string_equal(g.code, "de");
}

static void test_confidence(void **state)
{
    (void)state;
    td__lang_guess shortg, longg;
    detect("Estado", NULL, &shortg);
    char buf[4096] = "";
    for (int i = 0; i < 10; i++)
        strcat(buf, samples[3].text), strcat(buf, " ");
    detect(buf, NULL, &longg);
    assert_string_equal(longg.code, "es");
    assert_true(longg.confidence > 0.9);
    assert_true(shortg.confidence < longg.confidence);
}

/* Text past the scan cap is not read; a huge input is cheap and right. */
static void test_long_input(void **state)
{
    (void)state;
    size_t n = 4u << 20, k = strlen(samples[4].text);
    char *big = malloc(n + 1);
    assert_non_null(big);
    for (size_t i = 0; i < n; i += k + 1) {
        size_t m = i + k + 1 <= n ? k : n - i;
        memcpy(big + i, samples[4].text, m);
        if (i + m < n)
            big[i + m] = ' ';
    }
    big[n] = '\0';
    td__lang_guess g;
    td__langid_detect(big, n, NULL, &g);
    assert_string_equal(g.code, "pt");
    free(big);
}

static void test_public_api(void **state)
{
    (void)state;
    char code[8];
    double conf = -1;
    assert_int_equal(td_langid(samples[5].text, strlen(samples[5].text), code,
                               &conf),
                     TD_OK);
    assert_string_equal(code, "it");
    assert_true(conf > 0 && conf <= 1);
    assert_int_equal(td_langid("", 0, code, &conf), TD_OK);
    assert_string_equal(code, "und");
    assert_int_equal(td_langid(NULL, 0, code, &conf), TD_EINVAL);
    assert_int_equal(td_langid("x", 1, NULL, &conf), TD_EINVAL);
    assert_int_equal(td_langid("x", 1, code, NULL), TD_EINVAL);
}

/* A plain Spanish news paragraph (Castilian, no Asturian features) is
 * Spanish, sure; Asturian is named only on evidence of its own (-u
 * endings, "pal", "colos", "sos"). */
static void test_rare_neighbour(void **state)
{
    (void)state;
    static const char es[] =
        "El Gobierno aprobó ayer en el Consejo de Ministros el proyecto de "
        "ley de presupuestos, que prevé un aumento del gasto en sanidad y "
        "educación y una rebaja de impuestos para las rentas más bajas. El "
        "ministro de Hacienda explicó que el déficit se reducirá el próximo "
        "año y que las comunidades autónomas recibirán más fondos.";
    td__lang_guess g;
    detect(es, NULL, &g);
    assert_string_equal(g.code, "es");
    assert_true(g.confidence > 0.9);
    /* The same paragraph many times over: a long text does not drift to
     * the neighbour either. */
    char buf[8192] = "";
    for (int i = 0; i < 20; i++)
        strcat(buf, es), strcat(buf, " ");
    detect(buf, NULL, &g);
    assert_string_equal(g.code, "es");
    detect("El Gobiernu asturianu aprobó ayeri'l proyeutu de llei de "
           "presupuestos pal añu que vien, colos votos de los sos socios.",
           NULL, &g);
    assert_string_equal(g.code, "ast");
}

/* Without a distinguishing letter or word, a short text goes to the
 * language likelier in news, and says it is unsure. */
static void test_no_distinguishing_evidence(void **state)
{
    (void)state;
    td__lang_guess g, sure;
    detect("Президент подписал указ.", NULL, &g);
    assert_string_equal(g.code, "ru");
    assert_true(g.confidence < 0.6);
    assert_true(g.runner_up[0] != '\0');
    assert_string_not_equal(g.runner_up, "ru");
    assert_true(g.runner_up_score <= g.confidence);
    detect("Правительство во вторник объявило, что новый бюджет увеличит "
           "расходы на школы и больницы по всей стране. Министр финансов "
           "сообщил, что дефицит будет ниже, чем в прошлом году.",
           NULL, &sure);
    assert_string_equal(sure.code, "ru");
    assert_true(sure.confidence > g.confidence + 0.3);
}

/* Members of the close families, each on a sentence of its own. */
static void test_families(void **state)
{
    (void)state;
    static const sample members[] = {
        {"sr", "Влада је у уторак саопштила да ће нови буџет повећати "
               "издатке за школе."},
        {"bg", "Правителството обяви във вторник, че новият бюджет ще "
               "увеличи разходите за училища и болници."},
        {"mk", "Владата во вторник соопшти дека новиот буџет ќе ги зголеми "
               "трошоците за училиштата и болниците."},
        {"uk", "Уряд у вівторок оголосив, що новий бюджет збільшить видатки "
               "на школи."},
        {"be", "Урад у аўторак абвясціў, што новы бюджэт павялічыць выдаткі "
               "на школы."},
        {"cs", "Vláda v úterý oznámila, že nový rozpočet zvýší výdaje na "
               "školy."},
        {"no", "Regjeringen kunngjorde tirsdag at det nye budsjettet vil øke "
               "utgiftene til skoler og sykehus."},
        {"da", "Regeringen meddelte tirsdag, at det nye budget vil øge "
               "udgifterne til skoler og hospitaler."},
        {"sv", "Regeringen meddelade på tisdagen att den nya budgeten ökar "
               "utgifterna för skolor och sjukhus."},
        {"id", "Pemerintah mengumumkan pada hari Selasa bahwa anggaran baru "
               "akan meningkatkan belanja untuk sekolah."},
        {"hi", "सरकार ने मंगलवार को घोषणा की कि नया बजट स्कूलों और "
               "अस्पतालों पर खर्च बढ़ाएगा।"},
        {"ne", "सरकारले मंगलबार नयाँ बजेटले विद्यालय र अस्पतालमा खर्च बढाउने "
               "घोषणा गरेको छ।"},
        {"mr", "सरकारने मंगळवारी जाहीर केले की नवीन अर्थसंकल्पामुळे शाळा आणि "
               "रुग्णालयांवरील खर्च वाढेल."},
        {"fa", "دولت روز سه‌شنبه اعلام کرد که بودجه جدید هزینه‌ها را برای "
               "مدارس و بیمارستان‌ها افزایش می‌دهد."},
        {"pt", "Governo anuncia novas medidas econômicas"},
    };
    int bad = 0;
    for (size_t i = 0; i < sizeof members / sizeof members[0]; i++) {
        td__lang_guess g;
        detect(members[i].text, NULL, &g);
        if (strcmp(g.code, members[i].lang) != 0) {
            printf("want %s, got %s (runner-up %s): %s\n", members[i].lang,
                   g.code, g.runner_up, members[i].text);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

/* Titles and one-line snippets of 20-60 characters, in every script. */
static void test_short_titles(void **state)
{
    (void)state;
    static const sample titles[] = {
        {"en", "Government announces new measures"},
        {"de", "Regierung kündigt neue Maßnahmen an"},
        {"fr", "Le gouvernement annonce de nouvelles mesures"},
        {"it", "Il governo annuncia nuove misure"},
        {"pl", "Rząd ogłasza nowe środki"},
        {"tr", "Hükümet yeni önlemleri açıkladı"},
        {"nl", "Regering kondigt nieuwe maatregelen aan"},
        {"ro", "Guvernul anunță noi măsuri economice"},
        {"hu", "A kormány új intézkedéseket jelentett be"},
        {"uk", "Уряд оголосив нові заходи підтримки"},
        {"el", "Η κυβέρνηση ανακοίνωσε νέα μέτρα"},
        {"he", "הממשלה הודיעה על צעדים חדשים"},
        {"ar", "أعلنت الحكومة عن إجراءات جديدة"},
        {"th", "รัฐบาลประกาศมาตรการใหม่วันนี้"},
        {"ka", "მთავრობამ ახალი ზომები გამოაცხადა"},
        {"hy", "Կառավարությունը նոր միջոցներ հայտարարեց"},
        {"ko", "대통령이 법안에 서명했다"},
        /* kanji but for one particle: Japanese */
        {"ja", "石破内閣、衆院解散を閣議決定"},
        /* simplified, and traditional as Hong Kong writes it */
        {"zh", "国务院总理主持召开常务会议"},
        {"zh", "香港高等法院頒令清盤"},
    };
    int bad = 0;
    for (size_t i = 0; i < sizeof titles / sizeof titles[0]; i++) {
        td__lang_guess g;
        detect(titles[i].text, NULL, &g);
        if (strcmp(g.code, titles[i].lang) != 0) {
            printf("want %s, got %s: %s\n", titles[i].lang, g.code,
                   titles[i].text);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

/* A Chinese article that quotes a line of Japanese (a site's notice) is
 * still Chinese: its simplified forms outweigh the kana. */
static void test_chinese_with_kana(void **state)
{
    (void)state;
    td__lang_guess g;
    detect("香港高等法院周一下令清盘中国恒大集团，这是全球最大的房地产开发商"
           "之一。法官表示，该公司未能提出可行的重组方案。"
           "こちらのページはご利用いただけません。",
           NULL, &g);
    assert_string_equal(g.code, "zh");
}

/* The public td_langid_detail: the runner-up, and bad arguments. */
static void test_public_detail(void **state)
{
    (void)state;
    td_langid_result r;
    const char *en = samples[0].text;
    assert_int_equal(td_langid_detail(en, strlen(en), &r), TD_OK);
    assert_string_equal(r.lang, "en");
    assert_true(r.runner_up[0] != '\0');
    assert_string_not_equal(r.runner_up, r.lang);
    assert_true(r.runner_up_score >= 0 && r.runner_up_score < r.confidence);
    /* a script of one language: no runner-up */
    const char *el = "Η κυβέρνηση ανακοίνωσε νέα μέτρα";
    assert_int_equal(td_langid_detail(el, strlen(el), &r), TD_OK);
    assert_string_equal(r.lang, "el");
    assert_string_equal(r.runner_up, "");
    assert_true(r.runner_up_score == 0);
    assert_int_equal(td_langid_detail("", 0, &r), TD_OK);
    assert_string_equal(r.lang, "und");
    assert_string_equal(r.runner_up, "");
    memset(&r, 0x5a, sizeof r);
    assert_int_equal(td_langid_detail(NULL, 0, &r), TD_EINVAL);
    assert_int_equal(td_langid_detail("x", 1, NULL), TD_EINVAL);
    assert_true(r.lang[0] == 0x5a); /* untouched on failure */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_languages),   cmocka_unit_test(test_close_pairs),
        cmocka_unit_test(test_no_signal),   cmocka_unit_test(test_mixed_script),
        cmocka_unit_test(test_invalid_utf8), cmocka_unit_test(test_hint),
        cmocka_unit_test(test_confidence),  cmocka_unit_test(test_long_input),
        cmocka_unit_test(test_public_api),
        cmocka_unit_test(test_rare_neighbour),
        cmocka_unit_test(test_no_distinguishing_evidence),
        cmocka_unit_test(test_families),
        cmocka_unit_test(test_short_titles),
        cmocka_unit_test(test_chinese_with_kana),
        cmocka_unit_test(test_public_detail),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

#!/usr/bin/env python3
"""Writes the extraction benchmark pages: made-up news articles (our own
text, no real news) dressed in the furniture of five typical site layouts.
Each NAME.html has NAME.txt beside it: the known body, one paragraph a line.
Run from this folder: python3 gen.py"""
import html

A = {
 "en": dict(title="Harbour bridge reopens after two years of repairs",
  site="The Coastal Ledger", date="2023-03-14", comments="Comments",
  cookie="We use cookies to improve your experience. By continuing you accept our use of cookies and our privacy policy.",
  related="Related stories", share="Share this article", read="Read also",
  body=["The old harbour bridge reopened to traffic on Tuesday morning, two years after engineers closed it when cracks were found in its main steel girders.",
   "City officials said the repairs cost 84 million, roughly a third more than planned, because the corrosion turned out to be worse once the paint was removed.",
   "Commuters who had spent an extra forty minutes a day on the ring road welcomed the news, although cyclists complained that the new lanes are narrower than before.",
   "The transport department will keep a weight limit of twelve tonnes for the first six months while sensors installed under the deck record how the structure behaves.",
   "A small ceremony was held at dawn, attended by the mayor, the engineers and several residents who remembered the bridge's first opening in 1961."],
  cmts=["This is a disgrace, the money could have built a new tunnel, and nobody will be held accountable for the delays.",
   "Finally! I cycled over it this morning, the view of the harbour is still wonderful, but the lanes really are too narrow."],
  links=["Council approves new ferry timetable for the summer season", "Storm damages piers along the northern coast overnight", "Local schools to receive new bicycles under city programme"]),
 "de": dict(title="Stadtwerke senken die Fernwärmepreise zum Jahresbeginn",
  site="Rheintaler Anzeiger", date="2023-01-05", comments="Kommentare",
  cookie="Wir verwenden Cookies, um Ihnen ein optimales Nutzererlebnis zu bieten. Mit der Nutzung stimmen Sie der Datenschutzerklärung zu.",
  related="Mehr zum Thema", share="Artikel teilen", read="Lesen Sie auch",
  body=["Die Stadtwerke senken die Preise für Fernwärme zum ersten Februar um durchschnittlich elf Prozent, wie der Geschäftsführer am Donnerstag mitteilte.",
   "Grund für die Senkung seien die gesunkenen Einkaufspreise für Erdgas, die das Unternehmen nun an rund zwanzigtausend Haushalte weitergeben wolle.",
   "Verbraucherschützer begrüßten den Schritt, kritisierten aber, dass die Preise im vergangenen Herbst deutlich schneller gestiegen seien, als sie jetzt sinken.",
   "Der Stadtrat will im März über den Ausbau des Netzes in den nördlichen Stadtteilen beraten, wo bislang viele Häuser noch mit Öl heizen.",
   "Für Kunden ändert sich zunächst nichts: Die neuen Abschläge werden automatisch berechnet und mit der nächsten Rechnung verschickt."],
  cmts=["Elf Prozent sind ein Witz, nachdem die Preise um fünfzig Prozent gestiegen sind, das sollte man nicht vergessen.",
   "Immerhin eine gute Nachricht, bei uns im Norden wartet man seit Jahren auf den Anschluss an das Netz."],
  links=["Neue Buslinie verbindet Bahnhof und Klinikum", "Hallenbad bleibt wegen Sanierung bis Mai geschlossen", "Weihnachtsmarkt zieht positive Bilanz"]),
 "fr": dict(title="La médiathèque municipale prolonge ses horaires d'ouverture",
  site="L'Écho du Val", date="2022-09-21", comments="Commentaires",
  cookie="Nous utilisons des cookies pour améliorer votre expérience. En poursuivant votre navigation, vous acceptez leur utilisation.",
  related="Sur le même sujet", share="Partager cet article", read="Lire aussi",
  body=["À partir du premier octobre, la médiathèque municipale ouvrira ses portes jusqu'à vingt et une heures le mardi et le jeudi, a annoncé la mairie.",
   "Cette décision répond à une demande des étudiants et des salariés, qui ne pouvaient jusqu'ici profiter des salles de lecture qu'en fin de semaine.",
   "Deux bibliothécaires supplémentaires seront recrutés pour assurer les permanences du soir, pour un coût estimé à soixante mille euros par an.",
   "L'opposition salue une bonne mesure mais regrette que le dimanche reste fermé, alors que de nombreuses villes voisines ont franchi le pas.",
   "Un bilan de fréquentation sera présenté au conseil municipal au printemps, avant une éventuelle extension à d'autres jours de la semaine."],
  cmts=["Enfin une bonne nouvelle pour les étudiants, mais il faudrait aussi ouvrir le dimanche comme à Lyon ou à Grenoble.",
   "Encore des dépenses inutiles, qui va payer tout cela, sinon les contribuables, comme toujours dans cette ville."],
  links=["Le marché de Noël revient place de la République", "Travaux sur la route départementale pendant trois semaines", "Le club de rugby recrute de jeunes joueurs"]),
 "es": dict(title="El ayuntamiento amplía la red de carriles bici en el centro",
  site="Diario del Valle", date="2023-05-30", comments="Comentarios",
  cookie="Utilizamos cookies propias y de terceros para mejorar nuestros servicios. Si continúa navegando, consideramos que acepta su uso.",
  related="Noticias relacionadas", share="Compartir", read="Lee también",
  body=["El ayuntamiento aprobó este martes la ampliación de la red de carriles bici, que sumará once kilómetros nuevos en el centro de la ciudad antes del verano próximo.",
   "Según la concejala de movilidad, las obras comenzarán en septiembre por la avenida principal y obligarán a suprimir unas trescientas plazas de aparcamiento.",
   "Los comerciantes del casco antiguo temen que la pérdida de plazas reduzca las ventas, mientras que las asociaciones de ciclistas celebran el anuncio.",
   "El proyecto cuesta cuatro millones de euros, financiados en su mayor parte con fondos europeos destinados a la reducción de emisiones.",
   "La oposición pidió un estudio de tráfico independiente y anunció que llevará la cuestión al próximo pleno municipal."],
  cmts=["Ya era hora, pero que pongan también aparcamientos seguros para las bicicletas, porque nos las roban cada semana.",
   "Otra vez contra los coches, los comercios del centro van a cerrar todos, y luego se quejarán de que el centro está vacío."],
  links=["La feria del libro vuelve al parque en junio", "Cortes de agua en tres barrios por obras", "El equipo local asciende a segunda división"]),
 "it": dict(title="Il comune rinnova il parco giochi di via Garibaldi",
  site="Gazzetta della Valle", date="2022-06-08", comments="Commenti",
  cookie="Questo sito utilizza cookie tecnici e di profilazione. Proseguendo la navigazione acconsenti all'uso dei cookie.",
  related="Articoli correlati", share="Condividi", read="Leggi anche",
  body=["Il parco giochi di via Garibaldi riaprirà a luglio dopo un intervento di rinnovo che ha sostituito tutte le attrezzature, ormai vecchie di trent'anni.",
   "Il progetto, costato centoventimila euro, prevede nuove altalene accessibili ai bambini con disabilità e una pavimentazione antitrauma in gomma riciclata.",
   "L'assessore ai lavori pubblici ha spiegato che i lavori sono stati rallentati dalla difficoltà di reperire i materiali, arrivati con due mesi di ritardo.",
   "I genitori del quartiere, che avevano raccolto oltre mille firme, chiedono ora che il parco resti aperto anche la sera durante l'estate.",
   "Il comune valuterà l'installazione di nuove luci e di una telecamera all'ingresso per evitare atti vandalici."],
  cmts=["Era ora, i bambini del quartiere non avevano più un posto dove giocare, grazie a tutti i genitori che hanno firmato.",
   "Centoventimila euro per delle altalene, mi sembra una cifra esagerata, qualcuno dovrebbe controllare le spese."],
  links=["Sagra del paese, ecco il programma completo", "Chiusa per lavori la strada provinciale", "Nuovi orari per la biblioteca comunale"]),
 "ru": dict(title="В городе открылась новая линия трамвая",
  site="Вечерний вестник", date="2022-11-02", comments="Комментарии",
  cookie="Мы используем файлы cookie, чтобы сделать сайт удобнее. Продолжая пользоваться сайтом, вы соглашаетесь с этим.",
  related="Читайте также", share="Поделиться", read="Читайте также",
  body=["В среду в городе открылась новая линия трамвая, которая соединила железнодорожный вокзал с северными жилыми районами, сообщили в мэрии.",
   "Длина маршрута составляет девять километров, на нём построено четырнадцать остановок, а поездка от конечной до конечной займёт около двадцати пяти минут.",
   "Строительство продолжалось три года и обошлось бюджету в шесть миллиардов рублей, что почти на четверть больше первоначальной сметы.",
   "Жители северных районов давно жаловались на переполненные автобусы и пробки, поэтому открытие линии многие встретили с облегчением.",
   "В мэрии пообещали, что в первые две недели проезд на новом маршруте будет бесплатным для всех пассажиров."],
  cmts=["Наконец-то, десять лет обещали, а теперь ещё бы автобусы пустили нормально, а то ходят раз в час.",
   "Шесть миллиардов за девять километров, это же безумие, куда смотрит прокуратура, хотелось бы знать."],
  links=["Мост через реку закроют на ремонт", "В парке высадили двести новых деревьев", "Городская библиотека продлит часы работы"]),
 "zh": dict(title="市图书馆延长周末开放时间",
  site="江城晚报", date="2023-08-16", comments="网友评论",
  cookie="本网站使用cookie以改善您的浏览体验，继续浏览即表示您同意我们使用cookie。",
  related="相关新闻", share="分享到", read="延伸阅读",
  body=["市图书馆宣布，从下月起周六和周日的开放时间将延长至晚上九点，以满足学生和上班族的阅读需求。",
   "图书馆负责人表示，延长开放时间后将新增六名工作人员，并在夜间增加安保巡逻，每年预计增加支出约八十万元。",
   "许多读者对这一消息表示欢迎，一位大学生说，平时课程很多，只有周末晚上才有时间来图书馆自习。",
   "此外，图书馆还计划在年底前开通自助借还书系统，读者可以在二十四小时内随时归还图书。",
   "市文化局表示，将根据试行三个月的客流情况，决定是否在工作日也延长开放时间。"],
  cmts=["太好了，周末终于可以在图书馆待到晚上了，希望座位也能多一些。",
   "建议把自习区和阅览区分开，有些人说话声音太大，影响别人学习。"],
  links=["地铁三号线下月试运行", "城南公园改造工程完工", "暑期游泳馆开放时间调整"]),
}

def esc(s): return html.escape(s, quote=True)

def nav(words):
    return "".join(f'<li><a href="/{i}">{esc(w)}</a></li>' for i, w in enumerate(words))

NAV = ["Home", "World", "Politics", "Economy", "Sport", "Culture", "Opinion", "Weather"]

def layout_wp(a, lang):
    ps = "".join(f"<p>{esc(p)}</p>\n" for p in a["body"])
    cm = "".join(f'<li class="comment"><article class="comment-body"><footer class="comment-meta"><b>reader{i}</b> says:</footer><div class="comment-content"><p>{esc(c)}</p></div></article></li>' for i, c in enumerate(a["cmts"]))
    rel = "".join(f'<li><a href="/r{i}">{esc(l)}</a></li>' for i, l in enumerate(a["links"]))
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{esc(a['title'])} | {esc(a['site'])}</title>
<meta property="og:title" content="{esc(a['title'])}"><meta property="article:published_time" content="{a['date']}T08:30:00+00:00">
<script>window.dataLayer=[];function gtag(){{dataLayer.push(arguments)}}</script><style>body{{font:14px serif}}</style></head>
<body class="post-template-default single single-post has-sidebar">
<div id="page" class="site"><header id="masthead" class="site-header"><p class="site-title"><a href="/">{esc(a['site'])}</a></p>
<nav id="site-navigation" class="main-navigation"><ul>{nav(NAV)}</ul></nav></header>
<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main">
<article class="post type-post status-publish"><header class="entry-header"><h1 class="entry-title">{esc(a['title'])}</h1>
<div class="entry-meta"><span class="posted-on">{a['date']}</span> <span class="byline">by Staff Writer</span></div></header>
<div class="entry-content">
{ps}<div class="sharedaddy sd-sharing-enabled"><h3>{esc(a['share'])}</h3><ul><li><a href="#">Facebook</a></li><li><a href="#">Twitter</a></li><li><a href="#">Email</a></li></ul></div>
</div><footer class="entry-footer"><span class="tags-links">Tags: <a href="/t1">city</a>, <a href="/t2">news</a></span></footer></article>
<div id="comments" class="comments-area"><h2 class="comments-title">{esc(a['comments'])}</h2><ol class="comment-list">{cm}</ol></div>
</main></div><aside id="secondary" class="widget-area"><section class="widget"><h2>{esc(a['related'])}</h2><ul>{rel}</ul></section></aside></div>
<footer id="colophon" class="site-footer"><p>© 2023 {esc(a['site'])}. All rights reserved. Reproduction without permission is prohibited, see our terms of use.</p></footer></div>
<div class="cookie-notice" id="cookie-notice"><p>{esc(a['cookie'])}</p><button>OK</button></div></body></html>
"""

def layout_divsoup(a, lang):
    # paragraphs separated by <br><br> inside one div, no <p>; localized class names
    ps = "<br><br>\n".join(esc(p) for p in a["body"])
    rel = "".join(f'<a href="/n{i}">{esc(l)}</a><br>' for i, l in enumerate(a["links"]))
    cm = "".join(f'<div class="kommentar-item"><span class="autor">user{i}</span><div class="kommentar-text">{esc(c)}</div></div>' for i, c in enumerate(a["cmts"]))
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>{esc(a['title'])} - {esc(a['site'])}</title>
<meta name="date" content="{a['date']}"></head><body>
<div id="cookieConsent" class="consent-layer">{esc(a['cookie'])} <a href="/privacy">Info</a></div>
<div id="top"><div class="logo"><a href="/"><img src="logo.png" alt="{esc(a['site'])}"></a></div>
<div id="topmenu">{" | ".join(f'<a href="/{w}">{w}</a>' for w in NAV)}</div></div>
<div id="wrap"><div class="col-left">
<div class="rubrik"><a href="/lokales">Lokales</a> &gt; <a href="/stadt">Stadt</a></div>
<h1>{esc(a['title'])}</h1><span class="datum">{a['date']}</span>
<div class="text">
{ps}
</div>
<div class="lesen-auch"><b>{esc(a['read'])}:</b><br>{rel}</div>
<div id="kommentare"><h3>{esc(a['comments'])} (2)</h3>{cm}</div>
</div>
<div class="col-right"><div class="box"><h4>Top</h4><ol><li><a href="/a">{esc(a['links'][0])}</a></li><li><a href="/b">{esc(a['links'][1])}</a></li></ol></div>
<div class="box newsletter-box">Newsletter: <input type="text"> <button>OK</button></div></div></div>
<div id="fuss">Impressum | Kontakt | AGB | Datenschutz | Mediadaten | Abo</div>
</body></html>
"""

def layout_semantic(a, lang):
    b = a["body"]
    ps = "".join(f"<p>{esc(p)}</p>\n" for p in b[:2])
    ps += f'<figure><img src="x.jpg"><figcaption>Photo: archive / agency</figcaption></figure>\n'
    ps += f'<aside class="inline-related"><h4>{esc(a["read"])}</h4><a href="/z">{esc(a["links"][2])}</a></aside>\n'
    ps += "".join(f"<p>{esc(p)}</p>\n" for p in b[2:])
    cm = "".join(f'<article class="c-entry"><h5>anon{i}</h5><p>{esc(c)}</p></article>' for i, c in enumerate(a["cmts"]))
    ld = ('{"@context":"https://schema.org","@type":"NewsArticle","headline":"%s","datePublished":"%sT10:00:00Z","author":{"@type":"Person","name":"Editorial"},"publisher":{"@type":"Organization","name":"%s"}}'
          % (a['title'].replace('"', '\\"'), a['date'], a['site']))
    return f"""<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{esc(a['title'])}</title>
<script type="application/ld+json">{ld}</script><link rel="canonical" href="https://news.example/{a['date'].replace('-', '/')}/story.html"></head>
<body><a class="skip-link" href="#main">Skip to content</a>
<header><nav aria-label="main"><ul>{nav(NAV)}</ul></nav></header>
<main id="main"><article><header><h1>{esc(a['title'])}</h1><p class="meta"><time datetime="{a['date']}">{a['date']}</time></p></header>
<div class="article-body" itemprop="articleBody">
{ps}</div>
<div class="social-share"><a href="#">{esc(a['share'])}</a> <a href="#">X</a> <a href="#">WhatsApp</a></div>
<section class="user-comments"><h3>{esc(a['comments'])}</h3>{cm}</section>
</article>
<section class="more-stories"><h2>{esc(a['related'])}</h2><ul>{"".join(f'<li><a href="/m{i}"><h3>{esc(l)}</h3><p>{esc(l)}</p></a></li>' for i, l in enumerate(a["links"]))}</ul></section>
</main><footer><p>{esc(a['site'])} · Imprint · Contact · Advertising</p></footer>
<dialog open class="gdpr"><p>{esc(a['cookie'])}</p><button>Accept</button><button>Reject</button></dialog>
</body></html>
"""

def layout_table(a, lang):
    ps = "".join(f"<p>{esc(p)}\n" for p in a["body"])   # unclosed <p>
    cm = "".join(f"<tr><td><i>guest{i}</i>: {esc(c)}</td></tr>" for i, c in enumerate(a["cmts"]))
    return f"""<HTML><HEAD><META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=utf-8"><TITLE>{esc(a['site'])} :: {esc(a['title'])}</TITLE></HEAD>
<BODY BGCOLOR="#ffffff"><TABLE WIDTH="100%"><TR><TD WIDTH="150" VALIGN="top">{"<BR>".join(f'<A HREF="/{w}">{w}</A>' for w in NAV)}</TD>
<TD VALIGN="top"><FONT FACE="Arial"><B>{a['date']}</B><H1>{esc(a['title'])}</H1>
{ps}</FONT>
<HR><TABLE><TR><TD><B>{esc(a['comments'])}</B></TD></TR>{cm}</TABLE>
</TD><TD WIDTH="200" VALIGN="top"><B>{esc(a['related'])}</B><BR>{"<BR>".join(f'<A HREF="/q{i}">{esc(l)}</A>' for i, l in enumerate(a["links"]))}</TD></TR></TABLE>
<CENTER><SMALL>Copyright {esc(a['site'])}</SMALL></CENTER></BODY></HTML>
"""

def layout_nohints(a, lang):
    ps = "".join(f"<div class='x9'>{esc(p)}</div>\n" for p in a["body"])
    cm = "".join(f"<div class='q1'><div class='q2'>u{i}</div><div class='q3'>{esc(c)}</div></div>" for i, c in enumerate(a["cmts"]))
    return f"""<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{esc(a['title'])}</title>
<meta property="og:title" content="{esc(a['title'])}"><meta property="og:site_name" content="{esc(a['site'])}"></head><body>
<div class="a1"><div class="a2">{"".join(f'<a href="/{w}">{w}</a>' for w in NAV)}</div></div>
<div class="b1"><div class="b2"><h1>{esc(a['title'])}</h1><div class="b3">{a['date']}</div>
{ps}</div>
<div class="b4">{esc(a['comments'])}</div>{cm}
<div class="b5">{"".join(f'<div><a href="/w{i}">{esc(l)}</a></div>' for i, l in enumerate(a["links"]))}</div></div>
<div class="c1">{esc(a['cookie'])}</div>
</body></html>
"""

def layout_hard(a, lang):
    # No class hints anywhere; comments are siblings of the article's
    # paragraphs; teasers carry summary paragraphs without links.
    ps = "".join(f"<p>{esc(p)}</p>\n" for p in a["body"])
    cm = "".join(f"<div class='r{i}'><p><b>guest{i}</b></p><p>{esc(c)}</p></div>" for i, c in enumerate(a["cmts"]))
    teas = "".join(f"<div><h3><a href='/t{i}'>{esc(l)}</a></h3><p>{esc(l)}, {esc(a['links'][(i + 1) % 3])}, {esc(a['links'][(i + 2) % 3])}.</p></div>" for i, l in enumerate(a["links"]))
    return f"""<html><head><meta charset="utf-8"><title>{esc(a['title'])}</title></head><body>
<div>{"".join(f'<a href="/{w}">{w}</a> ' for w in NAV)}</div>
<div><div><h1>{esc(a['title'])}</h1>
{ps}<p>{esc(a['comments'])}</p>
{cm}</div>
<div><h2>{esc(a['related'])}</h2>{teas}</div></div>
<div><p>{esc(a['cookie'])}</p></div></body></html>
"""

LAYOUTS = [("wp", layout_wp), ("soup", layout_divsoup), ("sem", layout_semantic),
           ("table", layout_table), ("plain", layout_nohints)]
HARD = ("hard", layout_hard)

langs = list(A)
for i, lang in enumerate(langs):
    for j in (0, 1, 2):
        name, fn = LAYOUTS[(i + j * 2) % len(LAYOUTS)]
        a = A[lang]
        base = f"{lang}_{name}"
        open(base + ".html", "w", encoding="utf-8").write(fn(a, lang))
        open(base + ".txt", "w", encoding="utf-8").write("\n".join(a["body"]) + "\n")
    a = A[lang]
    open(f"{lang}_hard.html", "w", encoding="utf-8").write(HARD[1](a, lang))
    open(f"{lang}_hard.txt", "w", encoding="utf-8").write("\n".join(a["body"]) + "\n")

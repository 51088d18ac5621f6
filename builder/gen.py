"""A deterministic generator of a realistic synthetic news-archive corpus.

Used by the tests and by the benchmarks (10,000 to 100,000 articles). Standard library only.

Determinism and count independence
----------------------------------
Every article ``i`` is derived from its own ``random.Random(f"{seed}-{i}")`` and from a
vocabulary derived from ``Random(f"{seed}-vocab")``; nothing depends on ``count``, the
clock, ``hash()`` of strings, set order or the file system. So generating 1,000 and then
1,001 articles adds exactly one new file and leaves the other 1,000 byte-identical, which
is what incremental-build benchmarks need.

Dates
-----
The span runs from ``(end_year - years + 1)-01-01T00:00Z`` up to the end of
``end_year-12-31``. Article ``i`` sits at fraction ``frac(0.5 + i / golden ratio)`` of the
span (a Weyl sequence), moved by a random jitter of up to half of ``span / 100,000``
(that step is about 2.19 hours for 25 years) and rounded to the minute.

Why not ``start + i * fixed step``: a step that depends on ``count`` would move every date
when an article is added, and a fixed step makes a 400-article corpus cover two days
instead of 25 years. The golden-ratio sequence is count-independent *and* spreads every
prefix evenly over the whole span: 400 articles touch every year, 100,000 articles are on
average 2.19 hours apart, and no date ever leaves the span. The price is that article
``count`` (the one an incremental benchmark adds) lands at some date inside the span
rather than always being the newest.

Directories (``content/YYYY/MM``) use the UTC date; about 30 % of the front-matter dates
are written in a local offset such as ``+03:00`` for the same instant.

Slugs
-----
The file name is the slugified title. The site derives URLs from titles, so a title whose
slug an earlier article already has gets a wire-style ``UPDATE 1-`` (``UPDATE 2-``...)
prefix, and the file name follows (about 0.5 % of articles). That only looks at earlier
articles, so it keeps the count independence.
"""

from __future__ import annotations

import argparse
import bisect
import re
import sys
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from itertools import accumulate
from pathlib import Path
from random import Random
from typing import TypeVar

NOMINAL_COUNT = 100_000  # the date jitter is half of span / NOMINAL_COUNT, whatever `count` is
INV_GOLDEN = 0.6180339887498949  # Weyl step: any prefix of the sequence is evenly spread
ZIPF_EXPONENT = 1.1
ACTOR_TOTAL = 6_000
TAG_TOTAL = 300
PROFILE_ACTORS = 40
PROFILE_TAGS = 12
MAX_SLUG = 80
T = TypeVar("T")

# --------------------------------------------------------------------------------------
# Word lists. Kept as plain text so that adding a name is a one-word edit.
# --------------------------------------------------------------------------------------

def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def _pairs(text: str) -> tuple[tuple[str, str], ...]:
    """``"a|b;c|"`` -> ``(("a", "b"), ("c", ""))``; newlines are ignored."""
    pairs = (item.partition("|") for item in text.replace("\n", "").split(";"))
    return tuple((name, other) for name, _, other in pairs)


FIRST_NAMES = _words("""
Aaron Abdullah Adam Adriana Ahmed Aisha Akira Alejandro Alexander Ali Amara Amélie Amina
Ana Andrea Andrés Anna Antonio Arjun Aylin Ayşe Beatriz Benjamin Björn Carlos Carmen
Catherine Chen Chloé Christopher Clara Daniel David Dmitri Elena Elif Emily Emma Emmanuel
Fatima Felipe Fernando François Françoise Gabriel Giorgia Giovanni Grace Hana Hannah Hassan
Héctor Helena Hiroshi Ibrahim Inês Ingrid Isabel Ivan Jakub James Jana Javier Jean Jin
Joanna Jonas Jorge José Joseph Juan Julia Jürgen Karim Katarzyna Kenji Khalid Kofi Lars
Laura Layla Leila Li Liam Lucas Luis Łukasz Maria Mariam Mark Marta Mateo Matteo Mehmet Mei
Michael Miguel Mohammed Nadia Naledi Natalia Nikolai Noah Nora Olga Omar Oscar Pablo Paolo
Patricia Pedro Pierre Priya Rafael Rahul Rania Ricardo Rosa Sakura Samuel Sara Sebastián
Sergei Sofia Søren Stefan Sun Tariq Thomas Tomás Usman Valentina Viktor Wei Xavier Yasmin
Yusuf Zainab Zoë Ólafur Agnieszka Bogdan Dragan Eszter Gustavo Halima Ioana Kwame Mariana
""")

SURNAMES = (*_words("""
Orbán Álvarez Müller Lefèvre Østergaard Nowak Kowalczyk Šimek Dvořák Yılmaz Öztürk Çelik
Gómez Fernández Núñez Peña Jiménez Sánchez García Hernández Martínez Rodríguez López Pérez
González Ramírez Díaz Muñoz Gutiérrez Vázquez Domínguez Suárez Ibáñez Castaño Çakır Şahin
Doğan Kılıç Jönsson Söderberg Åström Björklund Lindqvist Häkkinen Mäkinen Virtanen Nieminen
Kovač Horváth Szabó Tóth Varga Kiss Németh Molnár Farkas Novák Svoboda Procházka Kučera
Dušek Blažek Petrović Jovanović Nikolić Marković Đorđević Popescu Ionescu Dumitru Stoica
Papadopoulos Georgiou Nikolaidis Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz
Hoffmann Schäfer Koch Bauer Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun
Krüger Hartmann Lange Schmitt Werner Krause Lehmann Dubois Martin Bernard Petit Durand
Leroy Moreau Simon Laurent Michel Garnier Rousseau Mercier Girard Bonnet Faure André
Fontaine Chevalier Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco
Bruno Gallo Conti Costa Giordano Mancini Rizzo Lombardi Moretti Smith Johnson Williams
Brown Jones Miller Davis Wilson Anderson Taylor Moore Jackson White Harris Thompson Clark
Lewis Robinson Walker Young Allen King Wright Scott Hill Green Adams Baker Nelson Carter
Mitchell Roberts Turner Phillips Campbell Parker Evans Edwards Collins Stewart Morris
Murphy Cook Rogers Morgan Cooper Peterson Reed Bailey Bell Kelly Howard Ward Cox Richardson
Wood Watson Brooks Bennett Gray Hughes Price Sanders Patel Shah Kumar Singh Sharma Gupta
Mehta Iyer Reddy Nair Rao Das Chatterjee Banerjee Khan Hussain Rahman Malik Qureshi
Chaudhry Siddiqui Haddad Khoury Nasser Mansour Saleh Hamdan Aziz Karimi Hosseini Rezaei
Mohammadi Ahmadi Tanaka Suzuki Takahashi Watanabe Ito Yamamoto Nakamura Kobayashi Kato
Yoshida Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Wang Zhang Liu Yang Huang Zhao Wu
Zhou Xu Ma Zhu Hu Guo Nguyen Tran Pham Hoang Okafor Adeyemi Mensah Owusu Boateng Mwangi
Otieno Kamau Banda Phiri Dlamini Nkosi Ndlovu Mokoena Diallo Traoré Coulibaly Keïta Diop
Ndiaye Sow Cissé Touré Ivanov Smirnov Kuznetsov Popov Sokolov Lebedev Kozlov Novikov
Morozov Volkov Shevchenko Kovalenko Bondarenko Tkachenko Kravchenko Oliveira Santos Silva
Souza Pereira Alves Ribeiro Carvalho Gomes Araújo Conceição Gonçalves Magalhães Brandão
Falcão Jansen Bakker Visser Smit Meijer Mulder Bos Hansen Nielsen Jensen Pedersen Andersen
Larsen Sørensen Rasmussen Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson
Svensson Gustafsson O'Brien O'Connor Murray Byrne Ryan Walsh
"""), "de Vries", "van Dijk", "De Luca", "de Boer")  # noqa: RUF001 - Turkish dotless i is meant

# Pinned people: the accented names the tests and the slug code rely on seeing.
PINNED_PEOPLE = ("Viktor Orbán", "José Álvarez", "Søren Østergaard", "Zoë Müller",
                 "François Lefèvre", "Łukasz Nowak", "Ayşe Yılmaz")  # noqa: RUF001

# (name, capital); the capital doubles as a journalistic alias ("Moscow said...").
COUNTRIES = _pairs("""
Russia|Moscow;United States|Washington;China|Beijing;Ukraine|Kyiv;Iran|Tehran;Israel|;
Türkiye|Ankara;Germany|Berlin;France|Paris;United Kingdom|London;India|New Delhi;
Japan|Tokyo;Saudi Arabia|Riyadh;Kuwait|Kuwait City;Qatar|Doha;Egypt|Cairo;Hungary|Budapest;
Afghanistan|Kabul;Albania|Tirana;Algeria|Algiers;Angola|Luanda;Argentina|Buenos Aires;
Armenia|Yerevan;Australia|Canberra;Austria|Vienna;Azerbaijan|Baku;Bahrain|Manama;
Bangladesh|Dhaka;Belarus|Minsk;Belgium|Brussels;Bolivia|La Paz;
Bosnia and Herzegovina|Sarajevo;Brazil|Brasília;Bulgaria|Sofia;Cambodia|Phnom Penh;
Cameroon|Yaoundé;Canada|Ottawa;Chile|Santiago;Colombia|Bogotá;Croatia|Zagreb;Cuba|Havana;
Cyprus|Nicosia;Czech Republic|Prague;Democratic Republic of the Congo|Kinshasa;
Denmark|Copenhagen;Ecuador|Quito;Estonia|Tallinn;Ethiopia|Addis Ababa;Finland|Helsinki;
Georgia|Tbilisi;Ghana|Accra;Greece|Athens;Guatemala|Guatemala City;Iceland|Reykjavík;
Indonesia|Jakarta;Iraq|Baghdad;Ireland|Dublin;Italy|Rome;Jordan|Amman;Kazakhstan|Astana;
Kenya|Nairobi;Kyrgyzstan|Bishkek;Laos|Vientiane;Latvia|Riga;Lebanon|Beirut;Libya|Tripoli;
Lithuania|Vilnius;Luxembourg|;Malaysia|Kuala Lumpur;Mali|Bamako;Malta|Valletta;
Mexico|Mexico City;Moldova|Chișinău;Mongolia|Ulaanbaatar;Morocco|Rabat;Mozambique|Maputo;
Myanmar|Naypyidaw;Nepal|Kathmandu;Netherlands|Amsterdam;New Zealand|Wellington;
Nicaragua|Managua;Niger|Niamey;Nigeria|Abuja;North Korea|Pyongyang;North Macedonia|Skopje;
Norway|Oslo;Oman|Muscat;Pakistan|Islamabad;Palestine|;Panama|Panama City;
Paraguay|Asunción;Peru|Lima;Philippines|Manila;Poland|Warsaw;Portugal|Lisbon;
Romania|Bucharest;Rwanda|Kigali;Senegal|Dakar;Serbia|Belgrade;Singapore|;
Slovakia|Bratislava;Slovenia|Ljubljana;Somalia|Mogadishu;South Africa|Pretoria;
South Korea|Seoul;South Sudan|Juba;Spain|Madrid;Sri Lanka|Colombo;Sudan|Khartoum;
Sweden|Stockholm;Switzerland|Bern;Syria|Damascus;Taiwan|Taipei;Tajikistan|Dushanbe;
Tanzania|Dodoma;Thailand|Bangkok;Tunisia|Tunis;Turkmenistan|Ashgabat;Uganda|Kampala;
United Arab Emirates|Abu Dhabi;Uruguay|Montevideo;Uzbekistan|Tashkent;Venezuela|Caracas;
Vietnam|Hanoi;Yemen|Sanaa;Zambia|Lusaka;Zimbabwe|Harare;Côte d'Ivoire|Yamoussoukro
""")

# (name as used in copy, alias); the alias is the other common spelling, if any.
ORGANISATIONS = _pairs("""
NATO|North Atlantic Treaty Organization;United Nations|UN;European Union|EU;
UN Security Council|UNSC;World Health Organization|WHO;International Monetary Fund|IMF;
World Bank|;World Trade Organization|WTO;OPEC|Organization of the Petroleum Exporting Countries;
African Union|AU;ASEAN|Association of Southeast Asian Nations;Arab League|;
Gulf Cooperation Council|GCC;G7|Group of Seven;G20|Group of Twenty;European Commission|;
European Central Bank|ECB;Federal Reserve|Fed;Bank of England|;Bank of Japan|BoJ;
International Atomic Energy Agency|IAEA;UNICEF|;UNHCR|UN Refugee Agency;
World Food Programme|WFP;International Committee of the Red Cross|ICRC;
Amnesty International|;Human Rights Watch|HRW;Doctors Without Borders|MSF;Greenpeace|;
International Criminal Court|ICC;International Court of Justice|ICJ;OECD|;Interpol|;
Europol|;European Parliament|;Council of Europe|;OSCE|;
Shanghai Cooperation Organisation|SCO;BRICS|;Mercosur|;Organization of American States|OAS;
Commonwealth|;International Energy Agency|IEA;International Labour Organization|ILO;
UNESCO|;FIFA|;International Olympic Committee|IOC;Asian Development Bank|ADB;
African Development Bank|AfDB;European Investment Bank|EIB;Islamic Development Bank|IsDB;
Organisation of Islamic Cooperation|OIC;CARICOM|Caribbean Community;
ECOWAS|Economic Community of West African States;SADC|Southern African Development Community;
Pacific Islands Forum|;Nordic Council|;Eurostat|;World Meteorological Organization|WMO;
International Maritime Organization|IMO;Gulf Petroleum Authority|;Kuwait Investment Authority|KIA
""")

TOPIC_TAGS = """
Diplomacy|Economy|Politics|Security|Energy|Trade|Oil|Natural Gas|Tariffs|Defence|Elections|
Health|Climate Change|Environment|Technology|Artificial Intelligence|Cybersecurity|Finance|
Banking|Inflation|Interest Rates|Stock Markets|Currencies|Agriculture|Food Security|Migration|
Refugees|Human Rights|Terrorism|Conflict|Ceasefire|Peace Talks|Sanctions|Nuclear|Arms Control|
Space|Education|Infrastructure|Transport|Aviation|Shipping|Tourism|Sport|Football|Culture|
Religion|Labour|Unemployment|Housing|Real Estate|Mining|Renewable Energy|Solar Power|Wind Power|
Electric Vehicles|Automotive|Telecommunications|Media|Press Freedom|Justice|Corruption|Courts|
Police|Crime|Public Health|Vaccines|Pandemic|Water|Drought|Floods|Earthquakes|Wildfires|
Humanitarian Aid|Development|Investment|Privatisation|Budget|Taxation|Debt|Pensions|
Social Welfare|Protests|Strikes|Parliament|Constitution|Referendum|Military|Navy|Air Force|
Border Security|Maritime Security|Piracy|Smuggling|Drugs|Startups|E-commerce|Semiconductors|
Supply Chains|Logistics|Ports|Railways|Roads|Urban Planning|Smart Cities|Biodiversity|Oceans|
Fisheries|Forestry|Emissions|Carbon Markets|Hydrogen|Nuclear Power|Electricity|Coal|
Petrochemicals|Gold|Commodities|Wheat|Rice|Fertilisers|Cryptocurrency|Fintech|Insurance|
Mergers & Acquisitions|IPOs|Sovereign Wealth Funds|Central Banks|Monetary Policy|Fiscal Policy|
GDP|Exports|Imports|Foreign Direct Investment|Bilateral Relations|Multilateralism|Summits|
Treaties|Espionage|Intelligence|Disinformation|Social Media|Data Privacy|Research|Universities|
Science|Medicine|Cancer|Mental Health|Ageing|Youth|Women's Rights|Children|Gender Equality|
Indigenous Peoples|Minorities|Freedom of Speech|Censorship|Journalism|Film|Music|Literature|
Art|Heritage|Archaeology|Fashion|Food|Hospitality|Airlines|Hotels|Retail|Consumer Prices|Wages|
Productivity|Manufacturing|Construction|Steel|Aluminium|Chemicals|Pharmaceuticals|
Biotechnology|Robotics|Quantum Computing|Cloud Computing|Satellites|Weather|Heatwaves|Storms|
Disaster Relief|Reconstruction|Landmines|Peacekeeping|Hostages|Prisoner Exchange|Extradition|
Visa Policy|Olympics|World Cup|Tennis|Cricket|Formula One|Athletics|Oil Prices|LNG|OPEC+|
Remittances|Microfinance|Islamic Finance|Desalination|5G|Local Government|Public Sector
""".replace("\n", "").split("|")
ORG_TAGS = ("NATO", "European Union", "United Nations", "OPEC")  # tags that are also actors

# (phrase used in copy, tag it implies): the article's main topic.
TOPICS = _pairs("""
trade tariffs|Tariffs;the ceasefire|Ceasefire;energy prices|Energy;oil output|Oil;
gas supplies|Natural Gas;the budget deficit|Budget;inflation|Inflation;interest rates|Interest Rates;
border security|Border Security;migration policy|Migration;refugee returns|Refugees;
human rights abuses|Human Rights;the nuclear programme|Nuclear;arms exports|Arms Control;
climate targets|Climate Change;carbon emissions|Emissions;food prices|Food Security;
grain exports|Wheat;water shortages|Water;drought relief|Drought;flood recovery|Floods;
vaccine supplies|Vaccines;hospital funding|Public Health;election results|Elections;
electoral reform|Elections;the new constitution|Constitution;press freedom|Press Freedom;
corruption charges|Corruption;judicial reform|Justice;pension reform|Pensions;tax reform|Taxation;
public debt|Debt;foreign investment|Foreign Direct Investment;port expansion|Ports;
rail links|Railways;chip exports|Semiconductors;AI regulation|Artificial Intelligence;
cyber attacks|Cybersecurity;data privacy rules|Data Privacy;sanctions relief|Sanctions;
peace talks|Peace Talks;a prisoner exchange|Prisoner Exchange;humanitarian aid|Humanitarian Aid;
reconstruction funds|Reconstruction;maritime security|Maritime Security;piracy|Piracy;
drug trafficking|Drugs;visa rules|Visa Policy;tourism revenue|Tourism;airline routes|Airlines;
wage talks|Wages;the rail strike|Strikes;street protests|Protests;wildfire response|Wildfires;
earthquake relief|Earthquakes;solar investment|Solar Power;offshore wind farms|Wind Power;
hydrogen projects|Hydrogen;nuclear power plans|Nuclear Power;the coal phase-out|Coal;
electric vehicle subsidies|Electric Vehicles;steel quotas|Steel;fertiliser shortages|Fertilisers;
gold reserves|Gold;currency swings|Currencies;stock market losses|Stock Markets;
bank regulation|Banking;crypto rules|Cryptocurrency;space cooperation|Space;
satellite launches|Satellites;university funding|Education;housing shortages|Housing;
unemployment figures|Unemployment;GDP growth|GDP;export growth|Exports;the World Cup bid|World Cup;
Olympic preparations|Olympics;disinformation campaigns|Disinformation;
social media rules|Social Media;espionage allegations|Espionage;military exercises|Military;
naval patrols|Navy;the peacekeeping mission|Peacekeeping;the hostage talks|Hostages;
bilateral relations|Bilateral Relations;the summit agenda|Summits;
the free trade agreement|Trade;supply chain disruption|Supply Chains;LNG contracts|LNG;
oil price volatility|Oil Prices;remittance flows|Remittances;
sovereign fund investments|Sovereign Wealth Funds
""")

# Skewed like real wire feeds: one aggregator carries a large share.
SOURCES = (("MENAFN", 30), ("Reuters", 20), ("AP", 14), ("AFP", 12), ("Xinhua", 8),
           ("KUNA", 6), ("DPA", 5), ("Anadolu", 5))
_SOURCE_NAMES = tuple(name for name, _ in SOURCES)
_SOURCE_CUM = tuple(accumulate(weight for _, weight in SOURCES))

# (minutes east of UTC, suffix) for the ~30 % of dates not written in UTC.
OFFSETS = ((180, "+03:00"), (-300, "-05:00"), (60, "+01:00"), (120, "+02:00"),
           (330, "+05:30"), (480, "+08:00"), (540, "+09:00"), (-240, "-04:00"),
           (-180, "-03:00"), (240, "+04:00"))

ROLES = ("foreign minister", "prime minister", "finance minister", "central bank governor",
         "opposition leader", "energy minister", "trade envoy", "defence minister",
         "party spokesperson", "union leader", "senior diplomat", "economy minister",
         "chief negotiator", "security adviser", "parliament speaker", "health minister")

# Slot words for the sentence frames below.
WORDS: dict[str, tuple[str, ...]] = {
    "said": ("said", "told reporters", "said in a statement", "noted", "stressed", "added",
             "argued", "insisted", "confirmed", "acknowledged"),
    "off": ("a senior official", "a government spokesperson", "diplomatic sources",
            "two people familiar with the matter", "a person briefed on the talks",
            "local media", "state media", "an aide", "officials", "a ministry statement"),
    "adj": ("constructive", "difficult", "productive", "frank", "tense", "cordial",
            "inconclusive", "encouraging", "positive", "lengthy", "candid", "businesslike"),
    "adj2": ("premature", "unacceptable", "regrettable", "misguided", "a step backwards",
             "counterproductive", "irresponsible", "unhelpful"),
    "wd": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "mo": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "period": ("months", "weeks", "years"),
    "change": ("rise", "fall", "increase", "decline", "drop", "jump", "slowdown"),
    "metric": ("exports", "industrial output", "consumer prices", "foreign investment",
               "tourist arrivals", "fuel imports", "government revenue", "retail sales",
               "food prices", "unemployment", "bank lending", "housing starts"),
    "grp": ("lawmakers", "investors", "diplomats", "analysts", "residents", "aid groups",
            "business leaders", "farmers", "economists", "opposition parties", "trade unions",
            "human rights groups", "local officials", "industry groups"),
    "act": ("accelerate", "review", "suspend", "expand", "reconsider", "finalise", "delay",
            "support", "oppose", "fund", "revise", "implement"),
    "noun": ("plan", "proposal", "framework", "initiative", "programme", "roadmap",
             "package", "deal", "strategy", "agreement", "reform"),
    "move": ("stabilise", "recover", "remain volatile", "weaken", "edge higher", "stay flat"),
    "ord": ("second", "third", "fourth", "fifth", "first"),
    "moment": ("decisive", "critical", "defining", "difficult", "historic", "delicate"),
}

SENTENCES = tuple(line.strip() for line in """
{a} {said} that {t} would remain a priority in the coming {period}.
Speaking in {cap} on {wd}, {a} {said} the talks with {b} had been {adj}.
{a} has repeatedly called on {b} to address concerns over {t}.
According to {off}, {a} is expected to raise {t} during the meeting.
The remarks by {a} came after {b} announced a policy review on {t}.
Analysts said the move by {a} could reshape the debate over {t} in {p}.
{b} did not immediately respond to a request for comment.
Officials in {cap} said {n} delegations were expected to attend the talks.
Official figures showed a {pct} percent {change} in {metric} compared with the same period last year.
{a} warned that any delay on {t} would carry a heavy cost for the region.
In a separate development, {b} said a delegation would travel to {p} in {mo}.
Relations between {a} and {b} have been strained since {year}.
The agreement, signed in {cap}, covers cooperation on {t} and {t2}.
{Grp} have urged {a} to {act} the {noun} before the end of the year.
The {noun} is expected to cost around {money}, {off} {said}.
{a} and {b} agreed to set up a joint working group on {t}.
Critics argue that the {noun} does little to address {t}.
{a} described the outcome as {adj} but said more work was needed.
The meeting in {cap} was the {ord} of its kind this year.
{Off} said {a} had signalled a willingness to {act} the {noun}.
More than {n} thousand people took part in protests over {t} in {cap}, organisers said.
{a} {said} that {b} had failed to honour earlier commitments on {t}.
The issue of {t} has divided {grp} for much of the past few {period}.
Markets reacted cautiously, with {metric} expected to {move} in the short term.
{a} is due to travel to {cap} next {wd} for further consultations.
The talks are expected to resume after a pause of {n} days.
In a televised address, {a} said {p} would not accept outside interference.
{b} has so far declined to comment on the details of the {noun}.
Observers in {cap} expect {a} to {act} the {noun} within weeks.
The {noun} includes provisions on {t}, {t2} and regional security.
Earlier this year, {a} pledged {money} to support work on {t}.
{a} said the government in {cap} was closely monitoring the situation.
{b} criticised the announcement, calling it {adj2}.
Data published on {wd} pointed to a {pct} percent {change} in {metric}.
{a} stressed the importance of dialogue with {b} on {t}.
{Grp} in {p} welcomed the decision, calling it long overdue.
The dispute over {t} is likely to feature prominently at the next summit.
{a} said it was too early to judge the impact of the {noun}.
At least {n} countries have expressed interest in joining the {noun}.
{Off} said the two sides remained far apart on {t}.
{a} rejected claims by {b} that the {noun} had stalled.
Since {year}, {p} has invested heavily in {t2}.
The proposal would require approval from {grp} before it can take effect.
{a} is scheduled to meet {b} and {c} on the sidelines of the conference.
A joint statement issued after the meeting referred to progress on {t}.
{a} urged restraint and called for calm in {p}.
The latest round of talks ended without agreement on {t}.
Economists estimate that {t} could cost the economy up to {money} a year.
{b} said the proposal would be studied carefully before any response.
The government in {cap} has faced mounting pressure over {t}.
{a} thanked {b} for support during a difficult year.
Under the plan, {p} would receive {money} over {n} years.
{a} said the {noun} was designed to strengthen cooperation with {b}.
The visit by {a} is the first of its kind in {n} years.
{Grp} have warned that {t} could worsen without swift action.
Local media in {p} reported that {a} had held private talks with {b}.
{a} has pushed for a faster timetable on {t}.
The {noun} was first proposed by {b} in {year}.
Public interest in {t} has grown steadily in {p} since {year}.
{a} said work with partners on {t} would continue.
The outcome of the talks could have implications for {t2} as well.
{a} {said} the {noun} would be reviewed in {mo}.
Diplomats in {cap} described the atmosphere as {adj}.
A spokesperson for {b} said the matter was being handled through official channels.
{a} has come under criticism from {grp} over the handling of {t}.
The two sides signed {n} memorandums of understanding covering {t} and {t2}.
The central bank in {cap} said {metric} rose {pct} percent in {mo}.
{a} called the {noun} a turning point for {p}.
Negotiators from {a} and {b} worked late into the night to narrow their differences.
{Off} said no date had yet been set for the next round of talks.
The move follows months of pressure from {grp} in {p}.
{a} reiterated a commitment to a negotiated solution.
The report, published on {wd}, highlighted gaps in {t}.
{b} pointed to a {pct} percent {change} in {metric} as evidence of progress.
Several {grp} said they had not been consulted on the {noun}.
{a} said {p} stood ready to host further talks on {t}.
The visit is expected to focus on {t}, {off} {said}.
{a} and {b} last met in {cap} in {year}.
The decision is expected to affect around {big} people.
Officials said the {noun} would be implemented in {k} phases.
{a} called on the international community to step up support for {p}.
Trade between {p} and {p2} reached {money} last year.
{a} welcomed the progress made on {t} but warned against complacency.
Observers say {t} will remain at the top of the agenda for {a}.
It was not immediately clear how {b} would respond.
The {noun} was approved by a vote of {n} to {n2}.
{a} said the talks in {cap} had produced a {adj} exchange of views.
Preparations are under way for a high-level meeting in {mo}.
{Grp} expressed concern that {t} was not receiving enough attention.
{a} noted that {b} remained an important partner on {t}.
"We will not accept any attempt to undermine progress on {t}," {a} said.
"This is a {moment} moment for {p}," {a} told reporters.
"The door remains open for dialogue with {b}," {a} said.
"Our position on {t} has not changed," {a} said on {wd}.
"We expect concrete steps, not promises," {a} said of {b}.
"There is still a lot of work to do," {off} quoted {a} as saying.
""".strip().splitlines())

# Frames that name their lead actor: the first sentences use these so every actor is named.
LEAD_SENTENCES = tuple(frame for frame in SENTENCES if "{a}" in frame)

BULLETS = ("closer cooperation on {t}", "a timetable for talks on {t2}", "funding of {money}",
           "a joint monitoring mechanism", "regular meetings between {a} and {b}",
           "new rules on {t2}", "a review of the {noun} in {mo}", "support for {grp} in {p}")

TITLES = (
    "{A} warns {B} over {T}", "{A} says {B} should restore relations with {C}",
    "{A} calls for talks with {B} on {T}", "{A} and {B} agree to boost cooperation on {T}",
    "{A} rejects {B} proposal on {T}", "{A} urges {B} to act on {T}",
    "{A} signs deal with {B} on {T}", "{A} thinks {B} should restore relations with {C}",
    "{A} to visit {P} amid row over {T}", "{A} criticises {B} over {T}",
    "{A} backs {B} plan for {T}", "{A} meets {B} to discuss {T}",
    "{T} dominates talks between {A} and {B}", "{A} announces new measures on {T}",
    "{A} denies reports of rift with {B}", "{A} hosts {B} for talks on {T}",
    "{A} praises {B} for role in {T}", "{A} and {B} discuss {T} in {P}",
    "{A} vows to press ahead with {T} despite {B} objections",
    "{A} seeks support from {B} on {T}", "{B} responds to {A} remarks on {T}",
    "{A} says talks with {B} on {T} were {adj}", "{A} raises {T} with {B} and {C}",
    "Officials in {P} weigh response to {A} move on {T}",
    "{A} steps up pressure on {B} over {T}", "{A} pledges support for {B} on {T}",
)
PUNCTUATED_TITLES = (
    "Analysis: {A} and {B} at odds over {T}", '{A} on {T}: "We will not back down"',
    "Will {A} and {B} reach a deal on {T}?", "{T} & {T2}: what {A} wants from {B}",
    '"The door is open," {A} tells {B}', "Q&A: {A} on {T}",
    "{A}: {B} 'must respect' agreement on {T}", "Is {A} losing patience with {B}?",
    "Explainer: {A} and the question of {T}", "{A} & {B} sign accord on {T}",
)


# --------------------------------------------------------------------------------------
# Vocabulary: names ranked by popularity, with Zipf cumulative weights for bisect.
# --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Actor:
    name: str
    kind: str  # person, organisation or country
    alias: str  # capital, acronym or "" (people get aliases built from their name)
    role: str  # for people: what profiles say they do


@dataclass(frozen=True)
class Ranked:
    """Names in popularity order with cumulative weights 1/rank^1.1."""

    items: tuple[str, ...]
    cum: tuple[float, ...]

    def pick(self, rng: Random) -> str:
        # Same algorithm as random.choices, without its per-call overhead.
        return self.items[bisect.bisect(self.cum, rng.random() * self.cum[-1])]

    def pick_distinct(self, rng: Random, k: int, chosen: list[str]) -> list[str]:
        for _ in range(50 * k):  # bounded: the long tail makes repeats rare
            if len(chosen) >= k:
                break
            name = self.pick(rng)
            if name not in chosen:
                chosen.append(name)
        return chosen


@dataclass(frozen=True)
class Vocabulary:
    actors: Ranked
    tags: Ranked
    by_name: dict[str, Actor]
    tag_names: frozenset[str]
    capitals: tuple[str, ...]
    countries: tuple[str, ...]


def _zipf(items: Sequence[str]) -> Ranked:
    weights = (1.0 / rank**ZIPF_EXPONENT for rank in range(1, len(items) + 1))
    return Ranked(tuple(items), tuple(accumulate(weights)))


def _people(rng: Random, total: int) -> list[str]:
    names = list(PINNED_PEOPLE)
    seen = set(names)  # membership only; order comes from the list
    while len(names) < total:
        name = f"{_pick(rng, FIRST_NAMES)} {_pick(rng, SURNAMES)}"
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def _merge_ranks(pools: Sequence[tuple[float, Sequence[str]]]) -> list[str]:
    """One ranking from per-kind rankings: each kind keeps its share of the mentions.

    Sorting by expected share puts a mix of countries, organisations and people at the top,
    as in real coverage, instead of letting the 5,800 people crowd out the 120 countries.
    """
    scored: list[tuple[float, int, str]] = []
    for share, names in pools:
        norm = sum(1.0 / r**ZIPF_EXPONENT for r in range(1, len(names) + 1))
        for r, name in enumerate(names, start=1):
            # The running index breaks ties deterministically (never by name or hash).
            scored.append((-share / r**ZIPF_EXPONENT / norm, len(scored), name))
    return [name for _, _, name in sorted(scored)]


def _head_first(rng: Random, names: Sequence[str], head: int) -> list[str]:
    """Keep the first `head` names on top (the realistic leaders), shuffle the rest."""
    rest = list(names[head:])
    rng.shuffle(rest)
    return [*names[:head], *rest]


@lru_cache(maxsize=8)
def vocabulary(seed: int) -> Vocabulary:
    rng = Random(f"{seed}-vocab")
    countries = [Actor(n, "country", cap, "") for n, cap in COUNTRIES]
    orgs = [Actor(n, "organisation", alias, "") for n, alias in ORGANISATIONS]
    people = [Actor(n, "person", "", _pick(rng, ROLES))
              for n in _people(rng, ACTOR_TOTAL - len(countries) - len(orgs))]
    by_name = {a.name: a for a in (*countries, *orgs, *people)}
    ranking = _merge_ranks([
        (0.35, _head_first(rng, [a.name for a in countries], 8)),
        (0.20, _head_first(rng, [a.name for a in orgs], 3)),
        (0.45, _head_first(rng, [a.name for a in people], 2)),
    ])
    room = max(0, TAG_TOTAL - len(TOPIC_TAGS) - len(ORG_TAGS))
    country_tags = [n for n, _ in COUNTRIES][:room]
    tags = _head_first(rng, [*TOPIC_TAGS[:6], *ORG_TAGS, *TOPIC_TAGS[6:], *country_tags], 6)
    return Vocabulary(
        actors=_zipf(ranking), tags=_zipf(tags), by_name=by_name, tag_names=frozenset(tags),
        capitals=tuple(cap for _, cap in COUNTRIES if cap),
        countries=tuple(n for n, _ in COUNTRIES))


# --------------------------------------------------------------------------------------
# Text helpers.
# --------------------------------------------------------------------------------------

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
# Letters NFKD does not decompose into ASCII plus a combining mark.
_TRANSLIT = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D",
                           "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "ı": "i", "&": " and "})  # noqa: RUF001


def slugify(text: str) -> str:
    """``Viktor Orbán & NATO`` -> ``viktor-orban-and-nato`` (ASCII, at most 80 characters)."""
    plain = unicodedata.normalize("NFKD", text.translate(_TRANSLIT))
    ascii_text = plain.encode("ascii", "ignore").decode("ascii").lower().replace("'", "")
    slug = _NOT_SLUG.sub("-", ascii_text).strip("-")
    if len(slug) > MAX_SLUG:
        slug = slug[:MAX_SLUG].rsplit("-", 1)[0]
    return slug or "article"


def _name_key(name: str) -> str:
    # Case- and accent-insensitive, like the site's alias matching.
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def yaml_str(text: str) -> str:
    """A double-quoted YAML scalar: safe for colons, quotes, '#', '&' and leading '-'."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\n", "\\n").replace("\t", "\\t") + '"'


def yaml_list(items: Sequence[str]) -> str:
    return "[" + ", ".join(yaml_str(item) for item in items) + "]"


def _pick(rng: Random, seq: Sequence[T]) -> T:
    # One C call instead of random.choice's rejection loop: a big corpus makes millions of picks.
    return seq[int(rng.random() * len(seq))]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


# --------------------------------------------------------------------------------------
# One article.
# --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Context:
    """What an article's sentences may refer to."""

    actors: tuple[str, ...]
    topic: str
    year: int
    vocab: Vocabulary


def _money(rng: Random) -> str:
    return f"${rng.randint(2, 950)} {'million' if rng.random() < 0.7 else 'billion'}"


# Country names that take "the" inside a sentence ("talks in the Netherlands").
_WITH_THE = frozenset({"United States", "United Kingdom", "United Arab Emirates", "Netherlands",
                       "Philippines", "Czech Republic", "Democratic Republic of the Congo"})


def _place(country: str) -> str:
    return f"the {country}" if country in _WITH_THE else country


def _other(rng: Random, ctx: Context, *avoid: str) -> str:
    choices = [a for a in ctx.actors if a not in avoid] or list(ctx.actors)
    return _pick(rng, choices)


# Slot fillers by name; anything in WORDS is a plain choice.
_FILLERS: dict[str, Callable[[Random, Context, dict[str, str]], str]] = {
    "b": lambda rng, ctx, s: _other(rng, ctx, s.get("a", "")),
    "c": lambda rng, ctx, s: _other(rng, ctx, s.get("a", ""), s["b"]),
    "t": lambda rng, ctx, s: ctx.topic if rng.random() < 0.7 else _pick(rng, TOPICS)[0],
    "t2": lambda rng, ctx, s: _pick(rng, TOPICS)[0],
    "p": lambda rng, ctx, s: _place(_pick(rng, ctx.vocab.countries)),
    "p2": lambda rng, ctx, s: _place(_pick(rng, ctx.vocab.countries)),
    "k": lambda rng, ctx, s: str(rng.randint(2, 6)),
    "cap": lambda rng, ctx, s: _pick(rng, ctx.vocab.capitals),
    "n": lambda rng, ctx, s: str(rng.randint(2, 60)),
    "n2": lambda rng, ctx, s: str(rng.randint(2, 60)),
    "pct": lambda rng, ctx, s: f"{rng.randint(1, 199) / 10:.1f}",
    "money": lambda rng, ctx, s: _money(rng),
    "big": lambda rng, ctx, s: f"{rng.randint(2, 900)},000",
    "year": lambda rng, ctx, s: str(ctx.year - rng.randint(1, 12)),
    "Grp": lambda rng, ctx, s: _cap(_pick(rng, WORDS["grp"])),
    "Off": lambda rng, ctx, s: _cap(_pick(rng, WORDS["off"])),
}


class _Slots(dict[str, str]):
    """Fills a frame's slots lazily, so a sentence only pays for the slots it uses."""

    __slots__ = ("ctx", "random", "rng")

    def __init__(self, rng: Random, ctx: Context) -> None:
        super().__init__()
        self.rng = rng
        self.random = rng.random  # bound once: this is the generator's innermost loop
        self.ctx = ctx

    def __missing__(self, key: str) -> str:
        words = WORDS.get(key)
        if words is not None:  # the common case, inlined _pick
            value = words[int(self.random() * len(words))]
        else:
            value = _FILLERS[key](self.rng, self.ctx, self)
        self[key] = value  # a slot used twice in one frame gets the same value
        return value

    def fill(self, frame: str, lead: str) -> str:
        self.clear()
        self["a"] = lead
        return frame.format_map(self)


def _sentences(rng: Random, ctx: Context, words: int, minimum: int) -> list[str]:
    slots = _Slots(rng, ctx)
    random = rng.random
    out: list[str] = []
    total = 0
    while total < words or len(out) < minimum:
        # Rotating the lead actor through lead frames guarantees every actor is named.
        frames = LEAD_SENTENCES if len(out) < len(ctx.actors) else SENTENCES
        frame = frames[int(random() * len(frames))]
        sentence = slots.fill(frame, ctx.actors[len(out) % len(ctx.actors)])
        out.append(sentence)
        total += sentence.count(" ") + 1
    return out


def _body(rng: Random, ctx: Context, words: int, source_id: str) -> str:
    count = rng.randint(5, 10)
    sentences = _sentences(rng, ctx, words, count)
    paragraphs = [" ".join(sentences[j * len(sentences) // count:
                                     (j + 1) * len(sentences) // count]) for j in range(count)]
    if rng.random() < 0.08:  # emphasis on the lead actor's first mention
        # Whole words only: "Niger" must not bold the start of "Nigeria".
        lead = re.compile(rf"\b{re.escape(ctx.actors[0])}\b")
        paragraphs[0] = lead.sub(f"**{ctx.actors[0]}**", paragraphs[0], count=1)
    if rng.random() < 0.06:
        paragraphs[-1] += (f" More details are available in [{_pick(rng, _LINK_TEXTS)}]"
                           f"(https://example.org/{ctx.year}/{source_id.lower()}).")
    if rng.random() < 0.05:
        slots = _Slots(rng, ctx)
        items = "\n".join("- " + slots.fill(b, ctx.actors[0])
                          for b in rng.sample(BULLETS, rng.randint(3, 5)))
        paragraphs.insert(2, f"The main points of the {_pick(rng, WORDS['noun'])} include:\n\n"
                             + items)
    return "\n\n".join(paragraphs)


_LINK_TEXTS = ("the full statement", "an earlier report", "the official transcript",
               "the published figures")


def _title(rng: Random, ctx: Context) -> str:
    acts = ctx.actors
    place = _pick(rng, ctx.vocab.countries)
    fill = {"A": acts[0], "B": acts[1], "C": acts[2] if len(acts) > 2 else place,
            "T": ctx.topic, "T2": _pick(rng, TOPICS)[0], "adj": _pick(rng, WORDS["adj"]),
            "P": place}
    for _ in range(4):  # long organisation names can push a frame past 14 words
        frames = PUNCTUATED_TITLES if rng.random() < 0.1 else TITLES
        title = _cap(_pick(rng, frames).format_map(fill))
        if 5 <= len(title.split()) <= 13:  # 13, so an "UPDATE 1-" prefix stays within 14
            return title
    return _cap(f"new talks on {ctx.topic} announced in {fill['P']}")


def _tags(rng: Random, vocab: Vocabulary, topic_tag: str, actors: Sequence[str]) -> list[str]:
    k = rng.randint(2, 6)
    tags = [topic_tag]
    # Wire copy tags the countries and blocs it covers, as in `tags: [NATO, Russia]`.
    tags += [a for a in actors if a in vocab.tag_names and rng.random() < 0.5]
    return vocab.tags.pick_distinct(rng, k, tags[:k])


def _date(rng: Random, i: int, span: Span) -> tuple[datetime, str]:
    where = (0.5 + i * INV_GOLDEN) % 1.0 * span.seconds + (rng.random() - 0.5) * span.step
    utc = span.start + timedelta(seconds=int(where % span.seconds) // 60 * 60)
    if rng.random() < 0.7:
        return utc, f"{utc:%Y-%m-%dT%H:%M:%S}Z"
    minutes, suffix = _pick(rng, OFFSETS)
    return utc, f"{utc + timedelta(minutes=minutes):%Y-%m-%dT%H:%M:%S}{suffix}"


@dataclass(frozen=True)
class Span:
    start: datetime
    seconds: float  # the length of the span
    step: float  # the mean gap between 100,000 articles (~2.19 h for 25 years)


def span_for(years: int, end_year: int) -> Span:
    start = datetime(end_year - years + 1, 1, 1, tzinfo=UTC)
    end = datetime(end_year + 1, 1, 1, tzinfo=UTC)
    seconds = (end - start).total_seconds()
    return Span(start, seconds, seconds / NOMINAL_COUNT)


def _summary(rng: Random, ctx: Context) -> str:
    first, second = _sentences(rng, ctx, 1, 2)
    # The site cuts summaries at 300 characters; stay under it rather than be cut.
    both = f"{first} {second}"
    return both if len(both) <= 280 else first


@dataclass(frozen=True)
class Draft:
    """An article before its title is made unique against the earlier articles."""

    utc: datetime
    title: str
    fields: str  # the front-matter lines after the title
    body: str

    def text(self, title: str) -> str:
        return f"---\ntitle: {yaml_str(title)}\n{self.fields}---\n\n{self.body}\n"


def article(seed: int, i: int, span: Span, words: int) -> Draft:
    """Article ``i``; a function of its arguments only."""
    rng = Random(f"{seed}-{i}")
    vocab = vocabulary(seed)
    utc, date_text = _date(rng, i, span)
    actors = vocab.actors.pick_distinct(rng, rng.randint(2, 8), [])
    topic, topic_tag = _pick(rng, TOPICS)
    ctx = Context(tuple(actors), topic, utc.year, vocab)
    title = _title(rng, ctx)
    tags = _tags(rng, vocab, topic_tag, actors)
    source = _SOURCE_NAMES[bisect.bisect(_SOURCE_CUM, rng.random() * _SOURCE_CUM[-1])]
    source_id = f"GEN-{i:010d}"
    lines = [f"date: {date_text}", f"source: {yaml_str(source)}",
             f"source_id: {yaml_str(source_id)}"]
    if rng.random() < 0.5:
        lines.append(f"summary: {yaml_str(_summary(rng, ctx))}")
    lines += [f"tags: {yaml_list(tags)}", f"actors: {yaml_list(actors)}", ""]
    return Draft(utc, title, "\n".join(lines), _body(rng, ctx, words, source_id))


# --------------------------------------------------------------------------------------
# Profiles.
# --------------------------------------------------------------------------------------

def _aliases(actor: Actor) -> list[str]:
    if actor.kind != "person":
        return [actor.alias] if actor.alias and actor.alias != actor.name else []
    first, _, last = actor.name.partition(" ")
    return [f"{first[0]}. {last}", last]


def _actor_profile(actor: Actor, aliases: Sequence[str], rng: Random) -> str:
    topic = _pick(rng, TOPICS)[0]
    if actor.kind == "person":
        description = f"{actor.name} is a {actor.role} often quoted on {topic}."
    elif actor.kind == "country":
        seat = f", governed from {actor.alias}," if actor.alias else ""
        description = f"{actor.name}{seat} appears across the archive's coverage of {topic}."
    else:
        description = f"{actor.name} is an international body active on {topic}."
    body = (f"This profile collects wire reports that mention {actor.name}. Coverage spans "
            f"{_pick(rng, TOPICS)[0]}, {_pick(rng, TOPICS)[0]} and {topic}.")
    return "\n".join(["---", f"name: {yaml_str(actor.name)}", f"kind: {yaml_str(actor.kind)}",
                      f"aliases: {yaml_list(aliases)}", f"description: {yaml_str(description)}",
                      "---", "", body, ""])


def _tag_profile(name: str, rng: Random) -> str:
    description = f"Wire reports tagged {name}, {_pick(rng, _TAG_NOTES)}."
    body = f"Articles tagged {name} cover {_pick(rng, TOPICS)[0]} and related developments."
    return "\n".join(["---", f"name: {yaml_str(name)}", f"description: {yaml_str(description)}",
                      "---", "", body, ""])


_TAG_NOTES = ("newest first", "with background and analysis", "from around the world",
              "including official statements")


def write_profiles(content: Path, seed: int) -> list[Path]:
    """Profiles for the most popular actors and tags; they depend on `seed` only."""
    vocab = vocabulary(seed)
    rng = Random(f"{seed}-profiles")
    written: list[Path] = []
    taken: set[str] = {_name_key(n) for n in vocab.actors.items[:PROFILE_ACTORS]}
    slugs: set[str] = set()
    for name in vocab.actors.items[:PROFILE_ACTORS]:
        actor = vocab.by_name[name]
        # The site refuses an alias claimed twice, so drop any that would clash.
        aliases = [a for a in _aliases(actor) if _name_key(a) not in taken]
        taken.update(_name_key(a) for a in aliases)
        path = content / "actors" / f"{_unique_slug(slugify(name), slugs)}.md"
        written.append(_write(path, _actor_profile(actor, aliases, rng)))
    slugs.clear()
    for name in vocab.tags.items[:PROFILE_TAGS]:
        path = content / "tags" / f"{_unique_slug(slugify(name), slugs)}.md"
        written.append(_write(path, _tag_profile(name, rng)))
    return written


# --------------------------------------------------------------------------------------
# The corpus.
# --------------------------------------------------------------------------------------

def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    return path


def _unique_title(title: str, used: set[str]) -> tuple[str, str]:
    """(title, slug), with a wire-style "UPDATE n-" prefix if the slug is taken.

    The site derives an article's URL from its title, so a repeated title would give two
    articles one URL; a prefix (not a suffix) survives the 80-character slug cut.
    """
    candidate, slug, n = title, slugify(title), 0
    while slug in used:
        n += 1
        candidate = f"UPDATE {n}-{title}"
        slug = slugify(candidate)
    used.add(slug)
    return candidate, slug


def _unique_slug(slug: str, used: set[str]) -> str:
    candidate, n = slug, 1
    while candidate in used:
        n += 1
        candidate = f"{slug}-{n}"
    used.add(candidate)
    return candidate


def generate_corpus(dest: Path, count: int, *, seed: int = 1, years: int = 25,
                    end_year: int = 2025, words: int = 600, profiles: bool = True,
                    ) -> list[Path]:
    """Write `count` articles under ``dest/content/YYYY/MM/<slug>.md``; return their paths, sorted.

    Profiles (``content/actors``, ``content/tags``) are written too when `profiles` is true,
    but are not in the returned list.
    """
    if years < 1:
        raise ValueError("years must be at least 1")
    content = Path(dest) / "content"
    span = span_for(years, end_year)
    used: set[str] = set()
    made: set[tuple[int, int]] = set()
    paths: list[Path] = []
    for i in range(count):
        draft = article(seed, i, span, words)
        # Depends on earlier articles only, so the count independence holds.
        title, slug = _unique_title(draft.title, used)
        utc = draft.utc
        folder = content / f"{utc.year:04d}" / f"{utc.month:02d}"
        if (utc.year, utc.month) not in made:  # one mkdir per month, not per file
            folder.mkdir(parents=True, exist_ok=True)
            made.add((utc.year, utc.month))
        path = folder / f"{slug}.md"
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(draft.text(title))
        paths.append(path)
    if profiles:
        write_profiles(content, seed)
    return sorted(paths)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m builder.gen",
                                     description="Write a synthetic news-archive corpus.")
    parser.add_argument("dest", type=Path, help="project folder; articles go in DEST/content")
    parser.add_argument("--count", type=int, required=True, help="number of articles")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--words", type=int, default=600, help="approximate words per article")
    parser.add_argument("--years", type=int, default=25)
    parser.add_argument("--end-year", type=int, default=2025)
    parser.add_argument("--no-profiles", action="store_true", help="skip actor/tag profiles")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    paths = generate_corpus(args.dest, args.count, seed=args.seed, words=args.words,
                            years=args.years, end_year=args.end_year,
                            profiles=not args.no_profiles)
    elapsed = time.perf_counter() - began
    print(f"wrote {len(paths):,} articles to {args.dest / 'content'} in {elapsed:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

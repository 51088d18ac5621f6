"""Word lists that tell names from ordinary words: roles, verbs, particles, given names."""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# A person's role just before their name: "Foreign Minister Sergei Lavrov", "spokesman Dmitry Peskov".
ROLE_WORDS = _words("""
    president vice-president president-elect premier minister ministers secretary secretary-general
    undersecretary under-secretary chancellor vice-chancellor king queen prince princess emir amir
    sheikh sheikha sultan pope emperor empress monarch ceo cfo coo cto chairman chairwoman chairperson
    chair co-chair spokesman spokeswoman spokesperson ambassador envoy governor mayor senator
    congressman congresswoman lawmaker legislator mp deputy speaker director director-general
    leader commander general admiral marshal colonel lieutenant captain sergeant brigadier judge
    justice prosecutor attorney attorney-general professor economist analyst strategist coach manager
    striker midfielder defender goalkeeper player founder co-founder executive officer candidate
    nominee commissioner administrator ayatollah cleric imam cardinal archbishop bishop patriarch
    rabbi activist journalist correspondent reporter author novelist researcher scientist adviser
    advisor aide official diplomat counterpart billionaire businessman businesswoman tycoon actor
    actress singer star rapper musician presenter lawyer consul highness excellency majesty
    premier-elect superintendent inspector head chief mufti investor financier banker
    vice-chairman vice-chair representative rep sen gov gen lt col maj capt adm dr mr
    mrs ms prof sgt insp supt
""")

# Honorifics written in capitals: "HH the Amir", "HE the Minister" (never the pronoun "He").
UPPERCASE_ROLES = frozenset({"HH", "HE", "HRH"})

# Roles abbreviated with a full stop: "Gov. Ron DeSantis", "Dr. Jane Doe".
ABBREVIATED_ROLES = _words("mr mrs ms dr prof gen gov sen rep lt col maj capt adm sgt insp supt st")

# Titles that belong to the name when the name is one word: "King Charles III", "Pope Francis".
REGAL_TITLES = _words("king queen pope prince princess emperor empress sultan")

# Words of an office's title that sit between a role and the name:
# "Minister of State for Energy Affairs Saad Al-Kaabi", "Energy Minister".
PORTFOLIO_WORDS = _words("""
    foreign affairs interior defence defense finance economy economic trade industry commerce energy
    oil petroleum gas health education higher justice information culture youth sport sports tourism
    transport transportation communications labour labor social housing public works electricity
    water agriculture environment climate digital technology cabinet municipal national security
    awqaf islamic endowments expatriates cooperation international state planning development
    investment prime deputy vice acting former senior chief executive general interim caretaker
    outgoing incoming first second assistant principal special permanent federal regional local
    provincial central supreme high human resources immigration migration refugees family women
    children welfare solidarity treasury budget fiscal monetary financial services infrastructure
    mining mineral minerals resources natural fisheries food heritage arts media telecommunications
    communication science research innovation relations religious legal parliamentary
    presidential royal crown emergency strategic environmental maritime aviation civil military
    army navy air force armed forces police intelligence homeland
    staff exchequer
""")

# Verbs that follow a speaker: "Rutte noted", "Jane Doe said".
REPORTING_VERBS = _words("""
    said says told added noted warned stated explained stressed emphasised emphasized announced
    urged insisted argued wrote tweeted posted claimed confirmed denied asserted remarked declared
    affirmed underlined highlighted indicated revealed acknowledged admitted commented replied
    responded reiterated cautioned predicted called met visited received signed welcomed praised
    criticised criticized condemned accused vowed pledged promised hopes thanked congratulated
    described suggested proposed recalled observed inaugurated attended chaired headed discussed
    appointed resigned believes thinks expects wants argues adds notes warns tells explains
    stresses announces urges insists claims confirms denies writes
""")

# Words just before a speaker: "said Jane Doe", "according to Jane Doe".
BEFORE_SPEAKER = _words("said says added noted explained wrote told to by")

# Small particles inside names: "Mohammed bin Salman", "Ursula von der Leyen", "Lula da Silva".
NAME_PARTICLES = _words("bin bint ibn al el de da do dos das del di du van von der den la le ter ten")

# Name suffixes kept with the name.
NAME_SUFFIXES = _words("jr jr. sr sr. ii iii iv v vi vii viii ix x xi xii xiv xv xvi")

# Capitalised words that are never (part of) a person's name.
NEVER_NAMES = _words("""
    monday tuesday wednesday thursday friday saturday sunday january february march april june july
    august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
    i the a an mr mrs ms dr
    god allah islam christianity
    covid covid-19 coronavirus
""")

# Days and months that are never ordinary words ("may", "march" and "august" are): copy that writes
# one in lowercase is carelessly cased, and its lowercase words say nothing of what is a name.
CALENDAR_NAMES = _words("""
    monday tuesday wednesday thursday friday saturday sunday january february april june july september
    october november december
""")

# Last words that make a capitalised phrase a thing rather than a person: "Digital Markets Act".
THING_HEADS = _words("""
    act agreement treaty accord accords convention declaration law bill plan initiative program
    programme summit conference forum games cup league championship championships open festival expo
    award awards prize index report strategy vision project day week month year street road avenue
    square bridge airport port station tower palace hotel hospital stadium park island islands river
    lake mountain mountains valley sea ocean gulf bay coast desert corridor canal strait pipeline field
    plant province district region county city governorate village town camp crossing border
    mosque church cathedral temple museum gallery school college hall centre center building
    complex zone market markets exchange crisis war revolution spring storm hurricane typhoon cyclone
    earthquake fund index dollar dinar riyal dirham euro pound yen yuan rupee lira rouble ruble naira
    peninsula highway route line express times post news daily tribune herald journal gazette
    magazine tv radio channel network weekly review monitor observer
""")

# Capitalised words that start sentences without being names (the article's own lowercase use of a
# word also marks it as common; see actors.py).
COMMON_WORDS = _words("""
    a about above according across after afterwards again against ahead all almost along already also
    although always amid among an and another any anyone anything are as asked at back based be
    because been before being below besides between beyond both but by can could currently despite
    did do does during each earlier either else elsewhere even eventually ever every everyone
    everything except few finally first following for former from further furthermore had has have
    having he her here hers herself him himself his how however if in including inside instead into
    is it its itself just last later latest least less like likewise many may maybe meanwhile might
    more moreover most much must my near nearly neither never nevertheless new next no none nor not
    nothing now of off often on once one only or other others otherwise our out outside over overall
    own particularly per perhaps previously prior rather recently regarding separately several shall
    she should since so some someone something sometimes soon still such than that the their theirs
    them themselves then there thereafter therefore these they third this those though through
    throughout thus to today together tomorrow too toward towards under unless unlike until up upon us
    was we were what whatever when whenever where whereas whether which while who whoever whole whom
    whose why will with within without would yesterday yet you your
    additionally accordingly similarly consequently notably specifically importantly interestingly
    ultimately initially subsequently simultaneously alternatively nonetheless indeed clearly
    reportedly officially apparently allegedly
    officials analysts experts observers critics supporters residents witnesses sources investors
    traders economists diplomats lawmakers leaders police authorities troops soldiers rescuers
    prices shares stocks markets oil gold data figures reports talks sales exports imports production
    demand supply growth inflation rates output revenue profit profits earnings
    most many some several few both all each every such other another
    breaking update updated exclusive analysis opinion editorial watch video photos live
    outgoing incoming acting former senior top new old big small major minor key main local
    national international global regional domestic foreign western eastern northern southern
    european african asian arab american western middle latin north south east west central
    islamic muslim christian jewish catholic sunni shiite shia kurdish gulf soviet
    president prime minister government state ministry officials
""")

# Lowercase words that cannot continue a name: "President Putin met" is not "Putin Met".
FUNCTION_WORDS = _words("""
    a an the and or but nor of in on at to for from by with without into onto over under about after
    before during since until as than that which who whom whose when where while if because though
    although is are was were be been being has have had do does did will would can could may might
    must shall should not no also then there here it its this these those he she they we his her
    their our said says told
""")

IRREGULAR_VERBS = _words("""
    met said told sent held led made took gave spoke wrote came went saw won lost left put set hit
    cut let began became brought bought thought sought fought kept felt paid laid read ran rose fell
    drew grew knew flew threw chose broke stood understood sat got built spent meant lent dealt struck
    hung shot woke wore swore tore bore rode drove shook forgot forgave hid bit fled fed met
    is are was were be has have had do does did will would can could may might must shall should
    says tells gets goes makes takes gives sees knows thinks wants needs keeps seems
""")

# Given names from many naming traditions: a capitalised pair starting with one is a person
# ("Rafael Grossi") even without a role or a verb of saying.
GIVEN_NAMES = _words("""
    aaron abbas abdel abdelaziz abdul abdulaziz abdulla abdullah abdulrahman abdulrahim abel abhishek
    abiy abu adam adel adnan adrian ahmad ahmed aisha akbar akira akram alan alassane albert alberto
    aleksandar alessandro alex alexander alexandra alexei alexey ali alice alicia alison amal amanda
    amina amir amit amos amy ana anand anastasia anders andrea andreas andrei andrej andres andrew
    andriy andrzej angela angelo anita ann anna anne annalena anthony antonio antony anwar arnold
    arthur arvind ashraf assimi ayman aziz barack barbara bashar basil basel bassam ben benjamin
    bernard bernie betty bill bola boris brad brian bruce bruno carl carlos carmen caroline catherine
    cecilia charles charlotte chris christian christina christine christopher chuck claire claudia
    clara colin con cristiano cyril dan dana daniel daniela danny david dean deborah denis dennis
    diana diego dmitry dmitri dominic donald dong douglas ebrahim ed eddie edi edward elena eli
    elizabeth ellen elliott elon emily emma emmanuel enrique eric erik ernesto eva evan fahad faisal
    farid fatima fatma federico felipe ferdinand fernando frank franz fred frederick gabriel gary
    george georgia gerald gerhard gianni giorgia giorgio giuseppe gordon grace greg gregory gustavo
    hakan hamad hamid hamza hans harold harry hassan heather hector heinz helen henry herman hideki
    hillary hiroshi hussein ibrahim ignacio igor ilham imran ioannis irina isaac ismail ivan jack
    jacob jacques jake james jamie jan jane janet jared jason javier jean jeff jeffrey jennifer jens
    jensen jeremy jerome jessica jim jimmy joan joanna joao joe joel johan johann john jonathan jorge
    jose josef joseph juan judith julia julian julie junichiro justin kamala kamal karen karim karl
    kate katherine kathleen kazuo keir keith kelly ken kenneth kevin khalid khaled kim kristalina
    kurt lars laura lee leo leon leonid li lina linda lisa liu liz lloyd lorenzo louis luca lucas
    luis luiz luka maha mahmoud majid manuel marco marcus margaret maria marie marina mario mark
    marta martin mary masood matteo matthew maurice max maxim mehmet melania michael michel michelle
    miguel mikhail mike mohamed mohammad mohammed mohsen mohsin moon mostafa moussa muhammad mukhtar
    murat mustafa nabil nadia najib nancy naoko narendra nasser natalia nathan nawaf nayib neil
    nicholas nick nicola nicolas nikita nikol nikolai noor nora nuri olaf olena oleg olga oliver
    olivia olusegun olayemi omar oscar otto pablo pam paolo pascal patrick paul paula pedro pekka
    peter petr petro pierre rachel rafael rahul raja ramzan rashid raul ray raymond recep reza
    richard rishi rob robert roberto rodrigo roger roman ron ronald rosa ross ruth ryan saad sabah
    sadiq saeed said salem salim salman sam samuel sandra sanjay sara sarah saud scott sean sebastian
    serge sergei sergey sergio shahid shehbaz sheikh shigeru shinzo simon sophie stefan stephen
    steve steven sultan sunak susan svetlana tamim tanya tariq tatiana ted teresa thomas tim timothy
    tom tony tulsi turki ursula valentina valery vanessa vasily victor viktor vincent vladimir
    volodymyr walid walter wang wei william wolfgang xi xavier yahya yasir yasser yevgeny yoshihide
    yousef youssef yuri yusuf zaid zhang zoran zelensky
    abdelmadjid abdelfattah ayatollah mishal mishaal sabah nawaf jaber khalifa mansour hamdan
    tahnoun zayed rached kais abdelmajid mahmud anatoly alexandre emmanuelle ngozi akinwumi
    cheikh macky bassirou ousmane idriss mahamat paul-henri felix joao-lourenco yoweri uhuru
    raila kagame hakainde samia emmerson cyril jacob thabo julius muhammadu goodluck olusegun
    boubacar adama ibrahim abdourahamane hemedti abdel-fattah
    shinzo fumio yoshimasa taro yoko takeshi masato haruhiko
    jae-myung yoon suk-yeol moon-jae han jae kang chang seok min
    lai tsai ma ko chen huang lin zhou wu zhao sun hu liu
    modi rahul amit nirmala subrahmanyam piyush rajnath arvind mamata yogi
    prabowo joko anies anwar mahathir najib ismail lawrence halimah
    ferdinand rodrigo sara bongbong
    prayut srettha paetongtarn thaksin hun manet
    luiz jair javier gustavo gabriel claudia andres lopez nicolas dilma cristina alberto sergio
    daniel dina gabriela lula xiomara bernardo santiago nayib
    giorgia sergio matteo mario silvio elly antonio
    olaf friedrich annalena christian robert markus boris
    emmanuel francois marine jean-luc gabriel michel jordan
    keir rishi liz theresa david kemi nigel ed yvette rachel angela
    pedro alberto isabel
    mette ulf magnus jonas petteri alexander
    donald kamala joe hillary mitch chuck nancy marco pete jd ron gavin kathy
    justin mark pierre jagmeet chrystia
    anthony penny peter scott
    recep hakan mevlut devlet kemal ekrem
    benjamin yoav isaac naftali yair gideon itamar bezalel israel
    mahmoud ismail yahya khaled mohammed hussein
    ilham nikol irakli salome kassym-jomart shavkat
    aleksandar edi milo ivica andrej
    tedros ghebreyesus kristalina ajay ngozi
    jensen sam elon tim sundar satya mark jeff bill warren larry sergey jamie jane
    adriana agnes alain alberto aleksandr alexis alfonso alfred alina alison ana-maria anabel andre
    andreea angus annette antoine antonia ariel arturo astrid aurelien barbara beatriz benedict benoit
    bernardo bianca bjorn boris bruno camille carla carolina catalina cecile celine cesar
    chiara christophe clement constance cornelia dagmar damien daniele dario delphine didier dimitri
    dominique dorothy edith eduardo elena eleni elias elif elisa elisabeth elsa emil emilia emilio
    enzo erika ernst esteban esther eugenia fabian fabio federica felix florian francesca francesco
    francisco franziska frederic gabriela gaston georg gerard gianluca gilles giovanni gisele giulia
    guillaume gunther hannah heike helena helmut henrik herbert hugo ignazio ilaria ines ingrid irene
    isabel isabella jacopo jadwiga jakub janusz jaroslaw javier joachim joana jochen jolanta jordi
    josep jozef julien jurgen kai karin karolina katarzyna katrin klaus konstantin kristina krzysztof
    lara laurent leonardo lorena lotte lucia ludovic luigi luisa lukas magdalena malgorzata manon
    manuela marcel marcela margarita mariana mariano marianne marilena mateusz mathilde matthias
    mauricio maurizio mercedes michal michela mikael mirela monika natalie nicolae niklas
    nikolaos norbert oksana olivier orsolya oskar pavel pawel petra philipp philippe pierre-yves
    pietro piotr radek rafal raffaele rainer ramon raphael rebecca regina remy renata renate ricardo
    riccardo rita robin rolf ronaldo rosario ruben rui sabine sandro santiago sebastien silvia
    simona simone sofia sonia stanislav stefania stephane susanne sylvie tadeusz thierry tobias
    tomas tomasz ulrich ursula valentin valerie vera veronika vicente vittorio viviane walter
    werner wojciech xavier yann yolanda yves zbigniew zdenek zuzana
    chad jordan
    aaliyah abdallah abdelkader abdou abubakar adebayo adekunle adewale adeola akin akinwale
    amadou aminata aminu babajide babatunde bamidele chidi chinedu chioma chukwuma emeka folake
    funmilayo ifeanyi ikechukwu kwame kofi kwabena kwaku ama akua efua yaw nana mamadou moussa
    ngozi nkosazana nnamdi obiageli oluwaseun oluwole segun tunde uche uchenna wale yemi
    yetunde thandiwe sipho thabo jabulani lindiwe mpho nomvula themba zanele zodwa blessing
    haruki hiroko hiroyuki kenji keiko kenta koichi makoto masahiro naoki ryota satoshi shinji
    takashi tomoko yuki yuko yusuke jin-young min-jun seo-yeon ji-hoon hyun soo-min
    anil arjun deepak gautam harsh lalit manoj mukesh nitin pradeep rajesh rakesh ravi sachin
    shashi suresh sunil vijay vikram virat sanjiv ashok priya sunita anjali deepika kavita neha
    pooja rekha shreya babar shaheen imad wasim waqar fawad asif bilawal maryam nawaz
    agus budi dewi hendra joko putri rizal siti sri wahyu
    nguyen thanh minh tran hoang duc
    hamid hadi hossein javad mahmoud majid masoud mehdi mojtaba reza saeed
    abdulaziz abdulmajeed fahd faisal hamdan hazza khaled mansour meshal mutlaq nayef
    sultan talal turki waleed yasser
""")

# Last words of organisations' names: "Kuwait Petroleum Corporation", "Ministry of Health".
ORG_HEADS = _words("""
    ministry bank agency party authority organization organisation council commission fund foundation
    institute university association federation union front movement airways airlines committee
    assembly parliament court corporation corp inc ltd llc plc group company co holdings forces corps
    department board exchange chamber society alliance coalition league centre center bureau office
    capital partners ratings motors industries technologies systems securities investments insurance
    economics research consulting bancorp trust academy secretariat directorate administration
    service services police railways telecom network brigades battalion militia
""")

# Company suffixes: "Apple Inc" is Apple.
CORPORATE_SUFFIXES = _words("inc inc. corp corp. ltd ltd. llc plc co co. ag sa nv spa gmbh bhd pjsc psc kscp")

# Words that alone do not tell which organisation is meant: "the Foreign Ministry", "Central Bank".
GENERIC_ORG_WORDS = PORTFOLIO_WORDS | _words("""
    central national federal supreme constitutional high general state public international joint
    united people peoples popular democratic republican royal upper lower grand new main top press
    media information government governmental presidential executive
""")

# Nouns that introduce an organisation's name: "state oil company Pemex", "lender Commerzbank",
# "Japan's space agency JAXA", "Riyadh club Al Nassr".
ORG_NOUNS = _words("""
    company companies firm carmaker automaker maker giant lender bank insurer operator airline carrier
    producer retailer startup start-up conglomerate miner refiner developer manufacturer chipmaker
    supplier broker brokerage regulator club utility exporter importer distributor agency subsidiary
    affiliate platform outfit chain brand consortium fund bourse watchdog group
""")

# Endings of one-word company names: "Commerzbank", "Afreximbank", "Naftogaz", "Rosneft".
ORG_ENDINGS = ("bank", "neft", "prom", "gaz")

# Words before a role, never the first word of an organisation's name: "Outgoing", "Former".
ROLE_QUALIFIERS = _words("outgoing incoming acting former interim caretaker senior first second assistant principal "
                         "top new")

# Roles that also start companies' names: "Green Line Investor Service", "Investor AB".
OWNER_ROLES = _words("investor financier banker")

# Roles that are also ordinary adjectives or nouns at the start of organisations' names: after one
# written with a capital and not itself after a role ("General Accident", "Chief Auto Parts", but
# "Attorney General Meese"), a lone word is someone's name only if the article names them in full.
ADJECTIVE_ROLES = _words("general chief executive head star leader officer chair justice speaker player manager "
                         "director deputy representative founder commander judge")

# Words of companies' and institutions' names that are not people's names: "Hughes Tool said",
# "Marine Midland said", "General Accident fell". Common surnames that are also such words (Steel,
# Power, Stone, Mills, Banks, Gold, Sugar, Price, Field) are left out on purpose.
COMPANY_WORDS = _words("""
    accident acceptance aerospace agreement agreements aircraft airline airways amusements apparel
    assets associates assurance automation automotive aviation bancorp bancshares banca banco bankshares
    banque banques banks beverage beverages biotech brands brewing brewery breweries broadcasting
    builders buffets bulletin cable caisse cement chemical chemicals cinemas commodities
    communications computer computers construction consumers container containers credit crédit
    data devices distillers distributors division drilling drug drugs dynamics electric electrical
    electronics emirates energy engineering enterprises entertainment equipment equities
    exploration explorations farms fibre fiber films finance financial foods footwear freight funds
    futures garment garments graphics grocery healthcare holding homes hotels housing hydro imaging
    income industrial institutions instruments insurance investment investments investors labs
    laboratories leasing life lines logistics lumber machinery machines mall management
    manufacturing marine marketing materials medical metals micro microsystems minerals mines mining
    mortgage motor mutual nationale nacional nazionale networks nuclear offshore oil optical
    packaging petroleum petroleos petroliferos pharmaceutical pharmaceuticals pipeline plastics
    products properties publishing railroad realty refining refractories reinsurance rental resorts
    resources restaurants retail royalty savings scientific semiconductor semiconductors shipping
    shipyards software staff stores studios supermarkets supply systems tankers tariffs
    technology telecommunications telephone television terminal textile textiles timber tobacco
    tool tools toys trading transport utilities ventures video wars works yacimientos
""")

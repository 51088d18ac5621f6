"""How editors name countries, on top of pycountry's ISO list.

pycountry gives every country and territory; these tables give the everyday English name where
the ISO one is official or odd ("Korea, Republic of" -> South Korea), the extra spellings and
acronyms wire copy uses, and the adjectives and demonyms that point at a country ("Dutch").
"""

from __future__ import annotations

# ISO alpha-2 code -> the name editors use.
CANONICAL: dict[str, str] = {
    "RU": "Russia", "KR": "South Korea", "KP": "North Korea", "IR": "Iran", "TR": "Turkey",
    "VN": "Vietnam", "SY": "Syria", "LA": "Laos", "BN": "Brunei", "CZ": "Czech Republic",
    "BO": "Bolivia", "VE": "Venezuela", "TZ": "Tanzania", "MD": "Moldova", "TW": "Taiwan",
    "PS": "Palestine", "FM": "Micronesia", "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo", "CI": "Ivory Coast", "CV": "Cape Verde", "MO": "Macau",
    "VA": "Vatican City", "FK": "Falkland Islands", "VG": "British Virgin Islands",
    "VI": "US Virgin Islands", "SX": "Sint Maarten", "MF": "Saint Martin", "CC": "Cocos Islands",
    "US": "United States", "GB": "United Kingdom", "NL": "Netherlands", "MK": "North Macedonia",
}

# Spellings beyond pycountry's name, common and official names.
EXTRA_ALIASES: dict[str, tuple[str, ...]] = {
    "United States": ("United States of America", "America"),
    "United Kingdom": ("Britain", "Great Britain"),
    "Russia": ("Russian Federation",),
    "South Korea": ("Republic of Korea",),
    "North Korea": ("Democratic People's Republic of Korea",),
    "Turkey": ("Türkiye", "Turkiye", "Republic of Turkey"),
    "Czech Republic": ("Czechia",),
    "Netherlands": ("Holland", "The Netherlands"),
    "Ivory Coast": ("Côte d'Ivoire", "Cote d'Ivoire"),
    "Democratic Republic of the Congo": ("Democratic Republic of Congo", "DR Congo", "Congo-Kinshasa"),
    "Republic of the Congo": ("Congo-Brazzaville", "Republic of Congo"),
    "Cape Verde": ("Cabo Verde",),
    "Myanmar": ("Burma",),
    "Eswatini": ("Swaziland",),
    "North Macedonia": ("Macedonia",),
    "Vatican City": ("Vatican", "Holy See"),
    "Timor-Leste": ("East Timor",),
    "Palestine": ("State of Palestine",),
    "Vietnam": ("Viet Nam",),
    "Macau": ("Macao",),
    "Saudi Arabia": ("Kingdom of Saudi Arabia",),
    "Gambia": ("The Gambia",),
    "Bahamas": ("The Bahamas",),
}

# Acronyms, matched in capitals only: "US" but never "us".
ACRONYMS: dict[str, tuple[str, ...]] = {
    "United States": ("US", "U.S.", "USA", "U.S.A."),
    "United Kingdom": ("UK", "U.K."),
    "United Arab Emirates": ("UAE", "U.A.E."),
    "Saudi Arabia": ("KSA",),
    "Democratic Republic of the Congo": ("DRC",),
    "North Korea": ("DPRK",),
    "China": ("PRC",),
    "South Korea": ("ROK",),
}

# Spellings never used: ISO names that wire copy means otherwise ("Congo" alone is ambiguous,
# "Jersey" is usually New Jersey, "Georgia" the US state is too common to take "Man" as a name).
EXCLUDED = frozenset({
    "Congo", "Korea", "Jersey", "Man", "Guernsey", "Saint Martin (French part)", "Sint Maarten (Dutch part)",
    "Christmas Island", "Norfolk Island", "Heard Island and McDonald Islands", "Antarctica",
    "United States Minor Outlying Islands", "French Southern Territories", "Bouvet Island",
    "British Indian Ocean Territory", "Pitcairn", "Tokelau", "Niue", "Svalbard and Jan Mayen",
    "South Georgia and the South Sandwich Islands", "Saint Helena, Ascension and Tristan da Cunha",
    "Virgin Islands of the United States", "Taiwan, Province of China",
})

# Countries that are also first names or surnames: "Michael Jordan", "Chad Smith", "Israel Katz".
AMBIGUOUS = frozenset({"Jordan", "Chad", "Georgia", "Israel", "Niger", "Guinea", "Togo", "Dominica"})

# Adjectives and demonyms: "Dutch prime minister" is about the Netherlands.
DEMONYMS: dict[str, tuple[str, ...]] = {
    "Afghanistan": ("Afghan", "Afghans"), "Albania": ("Albanian", "Albanians"),
    "Algeria": ("Algerian", "Algerians"), "Angola": ("Angolan", "Angolans"),
    "Argentina": ("Argentine", "Argentinian", "Argentines", "Argentinians"),
    "Armenia": ("Armenian", "Armenians"), "Australia": ("Australian", "Australians"),
    "Austria": ("Austrian", "Austrians"), "Azerbaijan": ("Azerbaijani", "Azeri", "Azerbaijanis"),
    "Bahrain": ("Bahraini", "Bahrainis"), "Bangladesh": ("Bangladeshi", "Bangladeshis"),
    "Belarus": ("Belarusian", "Belarusians"), "Belgium": ("Belgian", "Belgians"),
    "Benin": ("Beninese",), "Bhutan": ("Bhutanese",), "Bolivia": ("Bolivian", "Bolivians"),
    "Bosnia and Herzegovina": ("Bosnian", "Bosnians"), "Botswana": ("Botswanan", "Motswana"),
    "Brazil": ("Brazilian", "Brazilians"), "Brunei": ("Bruneian",), "Bulgaria": ("Bulgarian", "Bulgarians"),
    "Burkina Faso": ("Burkinabe", "Burkinabè"), "Burundi": ("Burundian", "Burundians"),
    "Cambodia": ("Cambodian", "Cambodians"), "Cameroon": ("Cameroonian", "Cameroonians"),
    "Canada": ("Canadian", "Canadians"), "Chad": ("Chadian", "Chadians"), "Chile": ("Chilean", "Chileans"),
    "China": ("Chinese",), "Colombia": ("Colombian", "Colombians"), "Costa Rica": ("Costa Rican",),
    "Croatia": ("Croatian", "Croat", "Croats", "Croatians"), "Cuba": ("Cuban", "Cubans"),
    "Cyprus": ("Cypriot", "Cypriots"), "Czech Republic": ("Czech", "Czechs"),
    "Denmark": ("Danish", "Dane", "Danes"), "Djibouti": ("Djiboutian",),
    "Dominican Republic": ("Dominican", "Dominicans"), "Ecuador": ("Ecuadorian", "Ecuadorean"),
    "Egypt": ("Egyptian", "Egyptians"), "El Salvador": ("Salvadoran", "Salvadorans"),
    "Eritrea": ("Eritrean", "Eritreans"), "Estonia": ("Estonian", "Estonians"),
    "Ethiopia": ("Ethiopian", "Ethiopians"), "Fiji": ("Fijian", "Fijians"),
    "Finland": ("Finnish", "Finn", "Finns"), "France": ("French",), "Gabon": ("Gabonese",),
    "Gambia": ("Gambian", "Gambians"), "Georgia": ("Georgian", "Georgians"),
    "Germany": ("German", "Germans"), "Ghana": ("Ghanaian", "Ghanaians"), "Greece": ("Greek", "Greeks"),
    "Guatemala": ("Guatemalan", "Guatemalans"), "Guyana": ("Guyanese",), "Haiti": ("Haitian", "Haitians"),
    "Honduras": ("Honduran", "Hondurans"), "Hungary": ("Hungarian", "Hungarians"),
    "Iceland": ("Icelandic", "Icelander", "Icelanders"), "India": ("Indian", "Indians"),
    "Indonesia": ("Indonesian", "Indonesians"), "Iran": ("Iranian", "Iranians"), "Iraq": ("Iraqi", "Iraqis"),
    "Ireland": ("Irish",), "Israel": ("Israeli", "Israelis"), "Italy": ("Italian", "Italians"),
    "Jamaica": ("Jamaican", "Jamaicans"), "Japan": ("Japanese",), "Jordan": ("Jordanian", "Jordanians"),
    "Kazakhstan": ("Kazakh", "Kazakhstani", "Kazakhs"), "Kenya": ("Kenyan", "Kenyans"),
    "Kuwait": ("Kuwaiti", "Kuwaitis"), "Kyrgyzstan": ("Kyrgyz",), "Laos": ("Lao", "Laotian"),
    "Latvia": ("Latvian", "Latvians"), "Lebanon": ("Lebanese",), "Liberia": ("Liberian", "Liberians"),
    "Libya": ("Libyan", "Libyans"), "Lithuania": ("Lithuanian", "Lithuanians"),
    "Luxembourg": ("Luxembourgish", "Luxembourger"), "Madagascar": ("Malagasy",),
    "Malawi": ("Malawian", "Malawians"), "Malaysia": ("Malaysian", "Malaysians"),
    "Maldives": ("Maldivian", "Maldivians"), "Mali": ("Malian", "Malians"), "Malta": ("Maltese",),
    "Mauritania": ("Mauritanian", "Mauritanians"), "Mauritius": ("Mauritian", "Mauritians"),
    "Mexico": ("Mexican", "Mexicans"), "Moldova": ("Moldovan", "Moldovans"),
    "Mongolia": ("Mongolian", "Mongolians"), "Montenegro": ("Montenegrin", "Montenegrins"),
    "Morocco": ("Moroccan", "Moroccans"), "Mozambique": ("Mozambican", "Mozambicans"),
    "Myanmar": ("Burmese",), "Namibia": ("Namibian", "Namibians"), "Nepal": ("Nepali", "Nepalese"),
    "Netherlands": ("Dutch",), "New Zealand": ("New Zealander", "New Zealanders"),
    "Nicaragua": ("Nicaraguan", "Nicaraguans"), "Niger": ("Nigerien", "Nigeriens"),
    "Nigeria": ("Nigerian", "Nigerians"), "North Korea": ("North Korean", "North Koreans"),
    "North Macedonia": ("Macedonian", "Macedonians"), "Norway": ("Norwegian", "Norwegians"),
    "Oman": ("Omani", "Omanis"), "Pakistan": ("Pakistani", "Pakistanis"),
    "Palestine": ("Palestinian", "Palestinians"), "Panama": ("Panamanian", "Panamanians"),
    "Papua New Guinea": ("Papua New Guinean",), "Paraguay": ("Paraguayan", "Paraguayans"),
    "Peru": ("Peruvian", "Peruvians"), "Philippines": ("Philippine", "Filipino", "Filipinos", "Filipina"),
    "Poland": ("Polish", "Pole", "Poles"), "Portugal": ("Portuguese",), "Qatar": ("Qatari", "Qataris"),
    "Romania": ("Romanian", "Romanians"), "Russia": ("Russian", "Russians"),
    "Rwanda": ("Rwandan", "Rwandans"), "Saudi Arabia": ("Saudi", "Saudis"),
    "Senegal": ("Senegalese",), "Serbia": ("Serbian", "Serb", "Serbs", "Serbians"),
    "Sierra Leone": ("Sierra Leonean",), "Singapore": ("Singaporean", "Singaporeans"),
    "Slovakia": ("Slovak", "Slovakian", "Slovaks"), "Slovenia": ("Slovenian", "Slovene", "Slovenians"),
    "Somalia": ("Somali", "Somalis"), "South Africa": ("South African", "South Africans"),
    "South Korea": ("South Korean", "South Koreans"), "South Sudan": ("South Sudanese",),
    "Spain": ("Spanish", "Spaniard", "Spaniards"), "Sri Lanka": ("Sri Lankan", "Sri Lankans"),
    "Sudan": ("Sudanese",), "Sweden": ("Swedish", "Swede", "Swedes"), "Switzerland": ("Swiss",),
    "Syria": ("Syrian", "Syrians"), "Taiwan": ("Taiwanese",), "Tajikistan": ("Tajik", "Tajikistani"),
    "Tanzania": ("Tanzanian", "Tanzanians"), "Thailand": ("Thai", "Thais"), "Togo": ("Togolese",),
    "Tunisia": ("Tunisian", "Tunisians"), "Turkey": ("Turkish", "Turk", "Turks"),
    "Turkmenistan": ("Turkmen",), "Uganda": ("Ugandan", "Ugandans"), "Ukraine": ("Ukrainian", "Ukrainians"),
    "United Arab Emirates": ("Emirati", "Emiratis"),
    "United Kingdom": ("British", "Briton", "Britons"), "United States": ("American", "Americans"),
    "Uruguay": ("Uruguayan", "Uruguayans"), "Uzbekistan": ("Uzbek", "Uzbekistani", "Uzbeks"),
    "Venezuela": ("Venezuelan", "Venezuelans"), "Vietnam": ("Vietnamese",),
    "Yemen": ("Yemeni", "Yemenis"), "Zambia": ("Zambian", "Zambians"),
    "Zimbabwe": ("Zimbabwean", "Zimbabweans"),
}

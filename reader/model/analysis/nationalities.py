"""Countries, their other names, and the nationality words (demonyms) that point to them.

General world knowledge, not tuned to any corpus: the small model often tags a country as ORG,
misses nationality adjectives, or splits "Kazakh"/"Kazakhstani" into two groups. With this table
recognition can type those words (NORP) and alias grouping can merge demonym variants of one
country and link a nationality to its country (`related`, not a merge).
"""

from __future__ import annotations

from functools import lru_cache

# "Country: other names of the country; demonyms (adjectives and plural nouns)"
_TABLE = """
Afghanistan: ; Afghan, Afghans, Afghani
Albania: ; Albanian, Albanians
Algeria: ; Algerian, Algerians
Andorra: ; Andorran, Andorrans
Angola: ; Angolan, Angolans
Argentina: ; Argentine, Argentinian, Argentines, Argentinians
Armenia: ; Armenian, Armenians
Australia: ; Australian, Australians, Aussie, Aussies
Austria: ; Austrian, Austrians
Azerbaijan: ; Azerbaijani, Azerbaijanis, Azeri, Azeris
Bahrain: ; Bahraini, Bahrainis
Bangladesh: ; Bangladeshi, Bangladeshis
Belarus: ; Belarusian, Belarusians, Belarussian
Belgium: ; Belgian, Belgians
Bhutan: ; Bhutanese
Bolivia: ; Bolivian, Bolivians
Bosnia and Herzegovina: Bosnia; Bosnian, Bosnians
Botswana: ; Botswanan
Brazil: ; Brazilian, Brazilians
Bulgaria: ; Bulgarian, Bulgarians
Burkina Faso: ; Burkinabe
Burundi: ; Burundian, Burundians
Cambodia: ; Cambodian, Cambodians
Cameroon: ; Cameroonian, Cameroonians
Canada: ; Canadian, Canadians
Chad: ; Chadian, Chadians
Chile: ; Chilean, Chileans
China: People's Republic of China, PRC; Chinese
Colombia: ; Colombian, Colombians
Congo: ; Congolese
Costa Rica: ; Costa Rican, Costa Ricans
Croatia: ; Croatian, Croatians, Croat, Croats
Cuba: ; Cuban, Cubans
Cyprus: ; Cypriot, Cypriots
Czech Republic: Czechia; Czech, Czechs
Denmark: ; Danish, Dane, Danes
Dominican Republic: ; Dominican, Dominicans
Ecuador: ; Ecuadorian, Ecuadorians
Egypt: ; Egyptian, Egyptians
El Salvador: ; Salvadoran, Salvadorans
Eritrea: ; Eritrean, Eritreans
Estonia: ; Estonian, Estonians
Ethiopia: ; Ethiopian, Ethiopians
Fiji: ; Fijian, Fijians
Finland: ; Finnish, Finn, Finns
France: ; French, Frenchman, Frenchmen
Gabon: ; Gabonese
Gambia: ; Gambian, Gambians
Georgia: ; Georgian, Georgians
Germany: ; German, Germans
Ghana: ; Ghanaian, Ghanaians
Greece: ; Greek, Greeks
Guatemala: ; Guatemalan, Guatemalans
Guinea: ; Guinean, Guineans
Haiti: ; Haitian, Haitians
Honduras: ; Honduran, Hondurans
Hungary: ; Hungarian, Hungarians
Iceland: ; Icelandic, Icelander, Icelanders
India: ; Indian, Indians
Indonesia: ; Indonesian, Indonesians
Iran: ; Iranian, Iranians, Persian, Persians
Iraq: ; Iraqi, Iraqis
Ireland: Republic of Ireland, Eire; Irish, Irishman
Israel: ; Israeli, Israelis
Italy: ; Italian, Italians
Ivory Coast: Cote d'Ivoire; Ivorian, Ivorians
Jamaica: ; Jamaican, Jamaicans
Japan: ; Japanese
Jordan: ; Jordanian, Jordanians
Kazakhstan: ; Kazakh, Kazakhs, Kazakhstani
Kenya: ; Kenyan, Kenyans
Kosovo: ; Kosovar, Kosovars
Kuwait: ; Kuwaiti, Kuwaitis
Kyrgyzstan: ; Kyrgyz
Laos: ; Laotian, Laotians, Lao
Latvia: ; Latvian, Latvians
Lebanon: ; Lebanese
Liberia: ; Liberian, Liberians
Libya: ; Libyan, Libyans
Lithuania: ; Lithuanian, Lithuanians
Luxembourg: ; Luxembourgish, Luxembourger
Madagascar: ; Malagasy
Malawi: ; Malawian, Malawians
Malaysia: ; Malaysian, Malaysians
Mali: ; Malian, Malians
Malta: ; Maltese
Mauritania: ; Mauritanian, Mauritanians
Mexico: ; Mexican, Mexicans
Moldova: ; Moldovan, Moldovans
Monaco: ; Monegasque
Mongolia: ; Mongolian, Mongolians
Montenegro: ; Montenegrin, Montenegrins
Morocco: ; Moroccan, Moroccans
Mozambique: ; Mozambican, Mozambicans
Myanmar: Burma; Burmese
Namibia: ; Namibian, Namibians
Nepal: ; Nepalese, Nepali, Nepalis
Netherlands: Holland; Dutch, Dutchman
New Zealand: ; New Zealander, New Zealanders, Kiwi, Kiwis
Nicaragua: ; Nicaraguan, Nicaraguans
Niger: ; Nigerien, Nigeriens
Nigeria: ; Nigerian, Nigerians
North Korea: Democratic People's Republic of Korea, DPRK; North Korean, North Koreans
North Macedonia: Macedonia; Macedonian, Macedonians
Norway: ; Norwegian, Norwegians
Oman: ; Omani, Omanis
Pakistan: ; Pakistani, Pakistanis
Palestine: Palestinian territories; Palestinian, Palestinians
Panama: ; Panamanian, Panamanians
Papua New Guinea: ; Papua New Guinean
Paraguay: ; Paraguayan, Paraguayans
Peru: ; Peruvian, Peruvians
Philippines: ; Filipino, Filipinos, Philippine
Poland: ; Polish, Pole, Poles
Portugal: ; Portuguese
Qatar: ; Qatari, Qataris
Romania: ; Romanian, Romanians
Russia: Russian Federation; Russian, Russians
Rwanda: ; Rwandan, Rwandans
Saudi Arabia: ; Saudi, Saudis, Saudi Arabian, Saudi Arabians
Senegal: ; Senegalese
Serbia: ; Serbian, Serbians, Serb, Serbs
Sierra Leone: ; Sierra Leonean
Singapore: ; Singaporean, Singaporeans
Slovakia: ; Slovak, Slovaks, Slovakian
Slovenia: ; Slovenian, Slovenians, Slovene, Slovenes
Somalia: ; Somali, Somalis
South Africa: ; South African, South Africans
South Korea: Republic of Korea, Korea Republic; South Korean, South Koreans
South Sudan: ; South Sudanese
Spain: ; Spanish, Spaniard, Spaniards
Sri Lanka: ; Sri Lankan, Sri Lankans
Sudan: ; Sudanese
Sweden: ; Swedish, Swede, Swedes
Switzerland: ; Swiss
Syria: ; Syrian, Syrians
Taiwan: ; Taiwanese
Tajikistan: ; Tajik, Tajiks
Tanzania: ; Tanzanian, Tanzanians
Thailand: ; Thai, Thais
Tibet: ; Tibetan, Tibetans
Togo: ; Togolese
Tunisia: ; Tunisian, Tunisians
Turkey: Turkiye; Turkish, Turk, Turks
Turkmenistan: ; Turkmen
Uganda: ; Ugandan, Ugandans
Ukraine: ; Ukrainian, Ukrainians
United Arab Emirates: UAE, U.A.E., Emirates; Emirati, Emiratis
United Kingdom: UK, U.K., Britain, Great Britain; British, Briton, Britons, Brit, Brits
United States: U.S., US, USA, U.S.A., America, United States of America; American, Americans
Uruguay: ; Uruguayan, Uruguayans
Uzbekistan: ; Uzbek, Uzbeks
Venezuela: ; Venezuelan, Venezuelans
Vietnam: Viet Nam; Vietnamese
Yemen: ; Yemeni, Yemenis
Zambia: ; Zambian, Zambians
Zimbabwe: ; Zimbabwean, Zimbabweans
England: ; English, Englishman, Englishmen
Scotland: ; Scottish, Scot, Scots
Wales: ; Welsh
Europe: ; European, Europeans
Africa: ; African, Africans
Asia: ; Asian, Asians
Latin America: ; Latin American, Latin Americans, Latino, Latinos, Latina
Soviet Union: USSR, U.S.S.R.; Soviet, Soviets
Hong Kong: ; Hong Konger, Hong Kongers
Quebec: ; Quebecer, Quebecers, Quebecois
Texas: ; Texan, Texans
California: ; Californian, Californians
Chechnya: ; Chechen, Chechens
Kurdistan: ; Kurdish, Kurd, Kurds
Catalonia: ; Catalan, Catalans
Crimea: ; Crimean
Bavaria: ; Bavarian
Sicily: ; Sicilian, Sicilians
"""

# Ethnic, religious and political group words with no single country (NORP, no `related` link).
GROUPS = frozenset(
    """
Arab Arabs Arabic Berber Berbers Hispanic Hispanics Jewish Jew Jews Muslim Muslims Moslem Islamic
Christian Christians Catholic Catholics Protestant Protestants Orthodox Evangelical Evangelicals
Anglican Anglicans Methodist Methodists Baptist Baptists Mormon Mormons Lutheran Lutherans
Buddhist Buddhists Hindu Hindus Sikh Sikhs Sunni Sunnis Shia Shiite Shiites Shi'ite Alawite Alawites
Druze Yazidi Yazidis Pashtun Pashtuns Uighur Uighurs Uyghur Uyghurs Rohingya Roma Maori Inuit
Aboriginal Aborigines Slavic Slav Slavs Nordic Scandinavian Scandinavians Balkan Caucasian Persian
Democrat Democrats Republican Republicans Communist Communists Socialist Socialists Bolshevik
Bolsheviks Marxist Marxists Islamist Islamists Zionist Zionists Nazi Nazis Sufi Wahhabi Salafi
Salafist Salafists Catholicism Hasidic Atheist Atheists Westerner Westerners Scientologist
Scientologists Jihadist Jihadists Islam Christianity Judaism Buddhism Hinduism Sikhism Scientology
Taoism Shinto Jainism Zoroastrianism Mormonism Protestantism Confucianism Rastafarianism
""".split()
)


# Capitals and geographic regions: place names the small model often types as PERSON or ORG.
_PLACES = """Kabul Tirana Algiers Luanda Canberra Vienna Manama Dhaka Minsk Brussels Sarajevo
Brasilia Sofia Phnom_Penh Ottawa Santiago Beijing Bogota Zagreb Havana Nicosia Prague Copenhagen
Cairo Tallinn Addis_Ababa Helsinki Paris Libreville Tbilisi Berlin Accra Athens Budapest Reykjavik
New_Delhi Jakarta Tehran Baghdad Dublin Jerusalem Rome Tokyo Amman Astana Nairobi Pristina Kuwait_City
Bishkek Vientiane Riga Beirut Tripoli Vilnius Kuala_Lumpur Bamako Valletta Mexico_City Chisinau
Ulaanbaatar Podgorica Rabat Maputo Naypyidaw Kathmandu Amsterdam The_Hague Wellington Managua Niamey
Abuja Pyongyang Skopje Oslo Muscat Islamabad Ramallah Panama_City Asuncion Lima Manila Warsaw Lisbon
Doha Bucharest Moscow Kigali Riyadh Dakar Belgrade Singapore Bratislava Ljubljana Mogadishu Pretoria
Seoul Juba Madrid Colombo Khartoum Stockholm Bern Damascus Taipei Dushanbe Dodoma Bangkok Tunis
Ankara Ashgabat Kampala Kyiv Kiev Abu_Dhabi London Washington Montevideo Tashkent Caracas Hanoi
Sanaa Lusaka Harare Edinburgh Cardiff Belfast Istanbul Dubai Mumbai Shanghai Hong_Kong Sydney
Melbourne Toronto Montreal Vancouver New_York Los_Angeles Chicago Geneva Brussels Strasbourg
Caucasus Middle_East Balkans Sahel Scandinavia Siberia Kashmir
Gaza West_Bank Golan_Heights Crimea Donbas Kurdistan Persian_Gulf Mediterranean Black_Sea
Caspian_Sea Baltic Baltics Central_Asia Southeast_Asia East_Asia South_Asia North_Africa
West_Africa East_Africa Horn_of_Africa Sub-Saharan_Africa Latin_America Caribbean Arctic Antarctica
Pacific Atlantic Indian_Ocean Europe Asia Africa North_America South_America Oceania Eurasia""".split()


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    """(demonym -> country, country name or alias -> country)."""
    demonyms: dict[str, str] = {}
    names: dict[str, str] = {}
    for line in _TABLE.strip().splitlines():
        country, rest = line.split(":", 1)
        other, dems = rest.split(";", 1)
        names[country] = country
        for n in other.split(","):
            if n.strip():
                names[n.strip()] = country
        for d in dems.split(","):
            if d.strip():
                demonyms[d.strip()] = country
    return demonyms, names


PLACES = frozenset(w.replace("_", " ") for w in _PLACES)


def country_of_demonym(word: str) -> str | None:
    """'Kazakh' -> 'Kazakhstan'; None for words that are not nationality words."""
    return _tables()[0].get(word)


def is_group_word(word: str) -> bool:
    """A nationality, ethnic, religious or political group word ('Kazakh', 'Muslims', 'Democrats')."""
    return word in _tables()[0] or word in GROUPS


_STATE_PREFIX = ("the ", "Republic of ", "Kingdom of ", "State of ", "Commonwealth of ", "Federation of ")


def country_name(name: str) -> str | None:
    """The canonical country (or region) for a name or alias: 'U.S.' -> 'United States',
    'Republic of Moldova' -> 'Moldova', 'RUSSIA' -> 'Russia'."""
    names = _tables()[1]
    if name in names:
        return names[name]
    if name.isupper() and len(name) > 3 and name.title() in names:
        return names[name.title()]
    for p in _STATE_PREFIX:
        if name.startswith(p) and name[len(p) :] in names:
            return names[name[len(p) :]]
    return None


def is_place_name(name: str) -> bool:
    """A country, capital or well-known region."""
    return bool(country_name(name)) or name in PLACES or (name.isupper() and name.title() in PLACES)


def demonym_words() -> frozenset[str]:
    return frozenset(_tables()[0])


def country_names() -> frozenset[str]:
    return frozenset(_tables()[1])


# Words for the people of a city or region whose stem is not the place's name ("Glaswegian" for
# Glasgow); the regular ones ("Dubliner", "Parisian", "Texan") are read from the place.
LOCAL_DEMONYMS = frozenset(
    """
Glaswegian Mancunian Liverpudlian Scouser Geordie Brummie Bristolian Oxonian Cantabrigian
Novocastrian Muscovite Neapolitan Venetian Florentine Milanese Viennese Sydneysider Melburnian
Capetonian Angeleno Haligonian Mumbaikar Dilliwala Kolkatan Hyderabadi Cockney Yorkshireman
Cornishman Kerryman Corkman Corkonian Galwegian Dub Jackeen Culchie Tasmanian Territorian Sandgroper
""".split()
)

# Endings of a word for someone from a place: the place's name plus one of these ("Dublin-er",
# "Paris-ian", "Texa-n", "Delhi-ite", "Mumbai-kar", "Vienn-ese", "Chicago-an").
_DEMONYM_ENDINGS = ("er", "ian", "ite", "an", "kar", "ese", "ean", "n", "i")


def local_demonym(word: str, places: frozenset[str] | set[str]) -> bool:
    """'Dubliner', 'Texan', 'Glaswegian', 'Kiwi': a word for someone from a country, or from a
    place among `places` (the article's, or the capitals and regions known here) that the word
    is built on: its name less at most three letters at the end, then a demonym's ending."""
    if word in LOCAL_DEMONYMS or country_of_demonym(word) is not None:
        return True
    if word in places:
        return False  # ("the Sudan": the place itself)
    for end in _DEMONYM_ENDINGS:
        stem = word[: -len(end)]
        if not word.endswith(end) or len(stem) < 4:
            continue
        if any(p.startswith(stem) and len(p) - len(stem) <= 3 and " " not in p for p in places):
            return True
    return False


def demonym_shape(word: str) -> bool:
    """'Aucklander', 'Corkonian', 'Delhiite': a capitalised word with a demonym's ending."""
    return word[:1].isupper() and word.endswith(("er", "ian", "ite", "an", "kar", "ese"))

package controllist

// This file holds the search vocabulary: stop words, the synonyms that map
// the words exporters use for their products onto the list's wording, the
// list's defined terms (Annex I Part I "Definitions of terms", paraphrased)
// and the unlisted cyber-surveillance technologies that Art. 5 may catch.

// stopWords are dropped from queries and documents.
var stopWords = setOf(`a an and any are as at be by can for from has have in into is it its of on or
other our such than that the their them then there therefor these this those to was were which with
within without we you your all also both each more most not only per same so very via e g i ie eg etc
using used use based`)

// synonym maps a phrase of the query (lower-case words) to list wording.
type synonym struct {
	phrase    string
	expansion string
}

// synonyms map product vocabulary to Annex I wording. Keep expansions to the
// list's own words: they are searched like the query.
var synonyms = []synonym{
	// Mobile interception (5A001.f).
	{"imsi catcher", "mobile telecommunications interception extraction subscriber identifiers imsi air interface"},
	{"imsi grabber", "mobile telecommunications interception extraction subscriber identifiers imsi air interface"},
	{"stingray", "mobile telecommunications interception extraction subscriber identifiers imsi air interface"},
	{"cell site simulator", "mobile telecommunications interception subscriber identifiers simulate radio access network"},
	{"fake base station", "mobile telecommunications interception simulate radio access network equipment"},
	{"false base station", "mobile telecommunications interception simulate radio access network equipment"},
	{"rogue base station", "mobile telecommunications interception simulate radio access network equipment"},
	{"gsm interceptor", "mobile telecommunications interception extraction voice data air interface"},
	{"off the air", "interception air interface"},
	{"over the air", "air interface"},
	{"cellular", "mobile telecommunications"},
	{"gsm", "mobile telecommunications"},
	{"lte", "mobile telecommunications"},
	{"4g", "mobile telecommunications"},
	{"5g", "mobile telecommunications"},
	{"umts", "mobile telecommunications"},
	{"phone", "mobile telecommunications device"},
	{"handset", "mobile telecommunications device"},
	{"smartphone", "mobile communications device"},
	{"imei", "subscriber identifiers"},
	{"tmsi", "subscriber identifiers"},
	{"jammer", "jamming equipment interfere deny mobile telecommunication services"},
	{"jamming", "jamming equipment interfere deny"},
	{"intercept", "interception"},
	{"eavesdrop", "interception"},
	{"wiretap", "interception"},
	// IP network surveillance (5A001.j) and monitoring centres (5D001.e).
	{"deep packet inspection", "analysis application layer extraction metadata content ip network"},
	{"dpi", "analysis application layer extraction metadata content ip network"},
	{"layer 7", "application layer"},
	{"internet surveillance", "internet protocol ip network communications surveillance"},
	{"internet monitoring", "internet protocol ip network communications surveillance"},
	{"traffic", "ip network communications"},
	{"isp", "carrier class ip network backbone"},
	{"telecom operator", "communications service provider"},
	{"operator", "communications service provider"},
	{"nationwide", "carrier class national grade backbone"},
	{"national scale", "carrier class national grade backbone"},
	{"backbone", "carrier class ip network"},
	{"lawful interception", "law enforcement monitoring handover interface interception communications service provider"},
	{"lawful intercept", "law enforcement monitoring handover interface interception communications service provider"},
	{"monitoring centre", "law enforcement monitoring analysis handover interface hard selectors"},
	{"monitoring center", "law enforcement monitoring analysis handover interface hard selectors"},
	{"etsi", "handover interface"},
	{"cdr", "metadata"},
	{"call detail record", "metadata"},
	{"link analysis", "mapping relational network individual group"},
	{"social graph", "mapping relational network individual group"},
	{"relationship", "relational network"},
	{"contacts", "relational network"},
	{"target", "individual hard selectors"},
	{"suspect", "individual hard selectors"},
	{"email address", "hard selectors"},
	{"phone number", "hard selectors"},
	{"selector", "hard selectors"},
	{"keyword", "searches"},
	{"track", "tracking movement location"},
	{"geolocation", "tracking location"},
	{"police", "law enforcement"},
	{"investigator", "law enforcement"},
	// Intrusion software (4A005, 4D004, 4E001.c).
	{"spyware", "intrusion software delivery command control extraction data"},
	{"trojan", "intrusion software delivery command control"},
	{"malware", "intrusion software"},
	{"implant", "intrusion software delivery command control"},
	{"remote access tool", "intrusion software command control"},
	{"rat", "intrusion software command control"},
	{"exploit", "intrusion software delivery generation"},
	{"zero day", "intrusion software generation delivery"},
	{"0day", "intrusion software generation delivery"},
	{"vulnerability research", "development intrusion software"},
	{"infect", "intrusion software delivery"},
	{"infection", "intrusion software delivery"},
	{"payload", "intrusion software delivery"},
	{"command and control", "command control intrusion software"},
	{"c2", "command control intrusion software"},
	{"hack", "intrusion software"},
	{"hacking", "intrusion software"},
	{"covert", "avoid detection"},
	{"stealth", "avoid detection"},
	{"undetectable", "avoid detection"},
	{"antivirus", "monitoring tools protective countermeasures"},
	{"endpoint protection", "protective countermeasures"},
	// Forensics and cryptanalysis (5A004).
	{"forensic", "extract raw data computing communications device circumvent authentication"},
	{"forensics", "extract raw data computing communications device circumvent authentication"},
	{"physical extraction", "extract raw data device"},
	{"passcode", "authentication"},
	{"password", "authentication passwords"},
	{"lock screen", "authentication authorisation controls"},
	{"bypass", "circumvent"},
	{"unlock", "circumvent authentication"},
	{"brute force", "circumvent authentication cryptanalytic"},
	{"decrypt", "cryptanalytic defeat cryptographic mechanisms"},
	{"crack", "cryptanalytic defeat cryptographic mechanisms passwords keys"},
	{"cracking", "cryptanalytic defeat cryptographic mechanisms passwords keys"},
	{"code breaking", "cryptanalytic functions"},
	{"cryptanalysis", "cryptanalytic functions"},
	// Information security (5A002, 5D002).
	{"encryption", "cryptography data confidentiality described security algorithm"},
	{"encrypted", "cryptography data confidentiality"},
	{"encrypt", "cryptography data confidentiality"},
	{"crypto", "cryptography"},
	{"cipher", "cryptography symmetric algorithm"},
	{"aes", "symmetric algorithm key length"},
	{"aes 256", "symmetric algorithm key length"},
	{"rsa", "asymmetric algorithm factorisation"},
	{"elliptic curve", "asymmetric algorithm discrete logarithms"},
	{"vpn", "cryptography data confidentiality networking"},
	{"ipsec", "cryptography data confidentiality networking"},
	{"tls", "cryptography data confidentiality"},
	{"end to end", "cryptography data confidentiality"},
	{"hsm", "information security primary function cryptography"},
	{"hardware security module", "information security primary function cryptography"},
	{"qkd", "quantum cryptography"},
	{"quantum key distribution", "quantum cryptography"},
	{"post quantum", "asymmetric algorithm lattices"},
	{"key management", "cryptography"},
	{"secure", "information security"},
	{"tempest", "compromising emanations"},
	// Sensors, radio, computers.
	{"thermal camera", "infrared cameras focal plane arrays"},
	{"thermal imaging", "infrared focal plane arrays cameras"},
	{"thermal imager", "infrared focal plane arrays cameras"},
	{"infrared camera", "infrared focal plane arrays cameras"},
	{"night vision", "image intensifier tubes cameras"},
	{"camera", "cameras"},
	{"drone", "unmanned aerial vehicles uav"},
	{"uas", "unmanned aerial vehicles uav"},
	{"quadcopter", "unmanned aerial vehicles uav"},
	{"direction finder", "radio direction finding line of bearing"},
	{"direction finding", "radio direction finding line of bearing"},
	{"sigint", "radio receivers searching scanning electromagnetic spectrum identification signals"},
	{"signals intelligence", "radio receivers searching scanning electromagnetic spectrum identification signals"},
	{"comint", "radio receivers searching scanning identification signals"},
	{"spectrum monitoring", "radio receivers searching scanning electromagnetic spectrum"},
	{"radio scanner", "digitally controlled radio receivers searching scanning"},
	{"passive radar", "passive coherent location"},
	{"supercomputer", "digital computers adjusted peak performance"},
	{"hpc", "digital computers adjusted peak performance"},
	{"software defined radio", "radio equipment"},
	{"sdr", "radio equipment"},
	{"tetra", "radio equipment"},
	{"frequency hopping", "spread spectrum frequency hopping"},
	// Product-group words.
	{"app", "software"},
	{"application", "software"},
	{"platform", "systems software"},
	{"tool", "software equipment"},
	{"toolkit", "software"},
	{"suite", "software"},
	{"appliance", "equipment"},
	{"device", "equipment"},
	{"hardware", "equipment"},
	{"know how", "technology development"},
	{"training", "technology"},
	{"source code", "software technology development"},
}

// definedTerm is a term defined in Annex I, with its definition paraphrased
// from Annex I Part I "Definitions of terms used in this Annex" and the
// entries' technical notes.
type definedTerm struct {
	term       string
	definition string
}

// definedTerms are the list's defined terms that product descriptions
// paraphrase rather than name.
var definedTerms = []definedTerm{
	{"intrusion software", "software specially designed or modified to avoid detection by monitoring tools or to defeat protective countermeasures of a computer or network-capable device, including mobile devices and smart meters, and performing extraction of data or information, modification of system or user data, or modification of the standard execution path of a program or process to allow execution of externally provided instructions"},
	{"hard selectors", "data or set of data related to an individual such as family name, given name, e-mail, street address, phone number or group affiliations"},
	{"handover interface", "physical and logical interface used by an authorised law enforcement authority across which targeted interception measures are requested from a communications service provider and the results of interception are delivered; implemented in mediation devices; ETSI standards"},
	{"information security", "means and functions ensuring the accessibility, confidentiality or integrity of information or communications: cryptography, cryptographic activation, cryptanalysis, protection against compromising emanations and computer security"},
	{"cryptography", "transformation of data to hide its information content, prevent its undetected modification or prevent its unauthorized use; encryption and decryption with secret keys"},
	{"cryptanalytic functions", "functions designed to defeat cryptographic mechanisms to derive confidential variables or sensitive data, including clear text, passwords or cryptographic keys; recover keys, break encryption"},
	{"extract raw data", "retrieve binary data from a storage medium such as RAM, flash or hard disk of a device without interpretation by the device operating system or filesystem; physical image, full file system dump of phones"},
	{"authentication", "verifying the identity of a user, process or device, often as a prerequisite to allowing access to resources; passcode, password, PIN, lock screen, biometric unlock"},
	{"quantum cryptography", "techniques for the establishment of a shared key for cryptography by measuring the quantum-mechanical properties of a physical system, including photons; quantum key distribution"},
	{"focal plane arrays", "linear or two-dimensional planar layer of individual detector elements, with or without readout electronics, in the focal plane; infrared detector array, microbolometer sensor"},
	{"unmanned aerial vehicle", "aircraft capable of initiating flight and sustaining controlled flight and navigation without any human presence on board; drone"},
	{"digital computer", "equipment which can accept data in discrete form, process it according to stored instructions, store it and provide output; server, cluster, high performance computing"},
	{"spread spectrum", "technique whereby energy in a relatively narrow-band communication channel is spread over a much greater energy spectrum; frequency hopping"},
	{"laser", "item that produces spatially and temporally coherent light amplified by stimulated emission of radiation"},
	{"relational network", "mapping of the relationships, contacts and communications between an individual and a group of people; social network analysis, link analysis"},
	{"application layer", "analysis at layer 7 of the OSI model: protocols, applications, web, e-mail, chat and voice over IP content, deep packet inspection"},
}

// unlistedTechnology is a surveillance technology that Annex I does not list
// but that the Art. 5 catch-all may cover (Recommendation (EU) 2024/2659).
type unlistedTechnology struct {
	name    string
	phrases []string
}

// unlistedTechnologies are the guidelines' examples of potential non-listed
// cyber-surveillance items (domain.md §3.3).
var unlistedTechnologies = []unlistedTechnology{
	{"facial recognition", []string{"facial recognition", "face recognition", "face matching", "face detection", "faceprint", "facial"}},
	{"emotion recognition", []string{"emotion recognition", "emotion detection", "affect recognition", "sentiment from faces"}},
	{"biometric identification", []string{"biometric", "biometrics", "fingerprint", "iris recognition", "gait recognition", "voice biometrics", "speaker identification", "voiceprint"}},
	{"location tracking", []string{"gps tracker", "location tracker", "tracking device", "vehicle tracker", "geofencing"}},
	{"video surveillance", []string{"video surveillance", "cctv", "video analytics", "license plate", "licence plate", "anpr", "lpr", "body camera", "ip camera"}},
	{"social media monitoring", []string{"social media monitoring", "social media intelligence", "socmint", "open source intelligence", "osint", "web crawler", "dark web monitoring"}},
}

func setOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range splitWords(words) {
		m[w] = true
	}
	return m
}

"""The Vietnamese language and administrative knowledge every stage shares: text normalisation
(:mod:`.text`), sentences (:mod:`.sentences`), numbers written in digits or words (:mod:`.numbers`),
figures with their units (:mod:`.figures`), the official units (:mod:`.gazetteer`), the main locality
of an article (:mod:`.locality`) and the category vocabulary (:mod:`.taxonomy`)."""

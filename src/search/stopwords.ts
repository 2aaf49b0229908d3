/**
 * Function words: too common to tell passages apart, so they are neither indexed nor searched. Dropping
 * them from queries is also what keeps search fast on a large corpus (a query's cost grows with the
 * number of passages its terms match). Lower case, apostrophes removed, as the tokenizer leaves words.
 */
export const STOPWORDS = new Set(
  `a about above after again against all also am an and any are arent as at be because been before being
  below between both but by can cant cannot could couldnt did didnt do does doesnt doing dont down during each
  few for from further had hadnt has hasnt have havent having he hed hell hes her here heres hers herself him
  himself his i id ill im ive if in into is isnt it its itself lets me more most mustnt my myself no nor not of
  off on once only or other ought our ours ourselves out over own same shant she shed shell shes should
  shouldnt so some such than that thats the their theirs them themselves then there theres these they theyd
  theyll theyre theyve this those through to too under until up very was wasnt we wed well were weve werent
  what whats when whens where wheres which while who whos whom why whys will with wont would wouldnt you youd
  youll youre youve your yours yourself yourselves just now may might must shall upon per via yet ever every
  s t`.split(/\s+/),
);

/**
 * Words that only shape a question ("What did X say about Y?", "Does anyone know how many …") and say
 * nothing about the answer. Dropped from queries only: in an article "say" or "many" may be content.
 */
export const QUESTION_WORDS = new Set(
  `how whose whom which what who why when where whats please tell say says said told anyone anybody someone
  somebody anything something mean means happen happened happening get got give gave find show explain one
  ones kind sort thing things according`.split(/\s+/),
);

/**
 * Words a question often wraps itself in ("Does anyone know how many …") that an answer may still
 * echo ("we don't know how many"): searched, but they count for little.
 */
export const WEAK_QUESTION_WORDS = new Set(["know", "knows", "many", "much", "long", "often"]);

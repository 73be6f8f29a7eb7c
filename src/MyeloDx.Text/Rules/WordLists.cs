using System.Collections.Frozen;

namespace MyeloDx.Text.Rules;

/// <summary>
/// The closed word lists the reader's relation rules consult (knowledge/text/word-lists.yaml): which words place a study
/// now, name a radiotherapy field, state their own polarity, and so on. The rules that read them stay in C#; the words
/// are data a clinician can review. Every list is required; words are canonical tokens (lower case, spelling folded).
/// </summary>
public sealed class WordLists
{
    /// <summary>The list names the reader uses, each with what it is for (the loader refuses a file missing one).</summary>
    public static readonly FrozenDictionary<string, string> Required = new Dictionary<string, string>
    {
        ["own_polarity"] = "words inside a finding's phrase that state its polarity ('absent', 'brisk'); a negation across a comma does not reach them",
        ["value_joiners"] = "words that may stand between a test's name and its value ('temperature of 38.6', 'MCV was 109')",
        ["gone_adverbs"] = "words that may stand between 'has' and a word of 'gone' ('has since resolved', 'has now completely resolved')",
        ["one_side"] = "words that put a dermatomal sensory change on one side: one dermatome on one side is a root's territory, not a sensory level",
        ["predicate"] = "verbs that make a denied metastasis a description of one lesion ('unlikely to be metastatic'), not a statement about spread",
        ["spinal_site"] = "words that place a biopsy on the cord, its coverings or the spine",
        ["seen"] = "words completing a denial that refers back ('none is seen', 'no longer visible')",
        ["gone"] = "words for a finding that has gone ('has resolved', 'has disappeared')",
        ["elsewhere"] = "words after a back-referring denial that point it at other sites ('none is seen elsewhere')",
        ["refers_back"] = "words before 'has resolved' that point it back at the finding just named ('which', 'it')",
        ["body_beyond_brain"] = "words that name a body region besides the brain in a staging sentence",
        ["treated_or_past"] = "words that place a cancer in the patient's past or under treatment",
        ["operations"] = "operation words (besides '-ectomy') that, unless planned, place a cancer in the past ('resection', 'TAH BSO')",
        ["present_illness"] = "words that, opening a sentence, bring a past-history or family-history section back to the present illness ('Now', 'Currently', 'Presents')",
        ["result_words"] = "words that state a test's result in a list item ('low', 'raised', 'normal'): a backward negation or positive result stops at a comma after such an item",
        ["sequence"] = "words and marks between a duration of pain and a weakness that make them a sequence ('then', 'recently', ';'), so the duration does not date the weakness",
        ["planned"] = "words that make an operation a plan rather than a past event",
        ["red_cells"] = "words for red cells before a count",
        ["blood"] = "words that name blood rather than CSF before a count",
        ["csf_or_break"] = "words and marks that end the backward search for 'blood' (CSF words, clause punctuation)",
        ["field"] = "words that introduce the levels of a radiotherapy field ('to', 'including', 'covering')",
        ["current"] = "words that place a study now ('current', 'today', 'latest', 'repeat')",
        ["study"] = "words for an imaging study ('MRI', 'scan', 'study')",
        ["only_or_normal"] = "words that say the current study shows nothing more than what it names ('only', 'normal', 'unremarkable')",
        ["progression"] = "words that say the disease of an earlier study has grown or spread ('only slight progression'): the earlier findings still stand",
        ["locative"] = "place words joining a negated finding to the thing it is placed at ('no oedema around the nodule'): the negation stops there",
        ["tumour"] = "generic tumour words that, with a treatment given, show a cancer history",
        ["unstemmed"] = "words matched as written, not by their stem, because the stemmer gives them the stem of a word of another meaning ('positive' and 'position')",
        ["administered"] = "verbs that, for a treatment, say it was given ('no radiotherapy has been given', 'chemotherapy was not administered'): denied, the treatment is absent, not unreported",
        ["report_nouns"] = "nouns of a report's content ('details', 'dose'): 'details of the chemotherapy were not given' is about the report, not the treatment",
        ["reference_words"] = "words that introduce a laboratory's reference range after a value ('ref', 'normal range')",
        ["csf_analytes"] = "what a CSF analysis counts ('protein', 'cells', 'glucose'): with a number, a sentence right after a CSF sentence continues it",
        ["judged_as"] = "words before 'of'/'with' that judge one lesion against a diagnosis ('not typical of metastasis')",
        ["treatment_concepts"] = "vocabulary concepts that name a treatment a patient is given (radiotherapy, drugs)",
        ["malignant_endings"] = "endings of tumour names that mark a malignancy whatever the site ('-sarcoma', '-blastoma')",
        ["nadir"] = "words of the worst point just before a duration ('peaked after 48 hours', 'nadir at 3 days'): that duration is the time to worst, whatever other durations say",
        ["recovery"] = "words of getting better before a duration ('recovered within weeks', 'improved over 3 days'): the duration is the recovery's, not the onset's",
        ["radiotherapy_field"] = "words that make a reference to a field a radiotherapy field ('within the previous radiation field'): with no course described, such a reference implies one ('treated area' alone could be any treatment)",
        ["back_reference"] = "words right before a bare mention of radiotherapy that make it the course already described ('after radiotherapy', 'the radiotherapy')",
        ["marrow_sequences"] = "MRI sequences whose signal is as often the vertebral marrow's as the cord's ('STIR'): T2 signal named with one places a lesion in the cord only as uncertain",
        ["outside_cord"] = "words in a sentence that point a signal at the bone, disc or epidural space rather than the cord ('vertebral', 'marrow', 'disc')",
        ["age_now"] = "words between a person and 'aged' that make the age the present one ('is now aged 61', 'currently aged 70'), not the age at an event",
        ["unchanged_endings"] = "the last word of a sentence about an earlier study that says its finding is still there ('unchanged', 'stable')",
        ["unchanged_joiners"] = "words between the comma or 'and' and that last word ('and remains stable')",
        ["now_openers"] = "words among the first of a sentence that place the size it gives now ('Today the nodule measures 15 mm')",
        ["comparison_words"] = "words in a study's header that introduce the earlier study it is compared with",
        ["terse_denials"] = "words opening a short denial that continues an imaging report ('No haemorrhage.')",
        ["current_study_followers"] = "words after such an opener that make it a study's ('Current MRI', 'The repeat LP')",
        ["bone_lesion_words"] = "words in the clause of a count of lesions that place them in bone: bone metastases, not separate lesions of the cord",
        ["dated_event_openers"] = "words right before a date that date what the clause says ('in 2020', 'MRI 2024 showed'): history when well before the note's own date",
        ["to_the_present"] = "words that end a dated clause by bringing the story to the present ('now', 'but', 'since')",
        ["onset_openers"] = "words right before a date that make it the start of the present illness ('since August 2026')",
        ["verdicts_after_dash"] = "words that, right after a spaced dash, give the verdict on what the clause before the dash listed ('intramedullary metastasis considered - neither supported'): the dash then does not end the verdict's reach",
        ["opinion_labels"] = "labels that keep an assessment's line an opinion ('Dx: ...', 'Likely cause: ...'), unlike an item recorded under it ('Neuro: ...')",
        ["spinal_anatomy"] = "words of the spinal cord, its roots and the spine: a line with one after a brain heading is the spinal report again ('Brain: normal.' / 'Enhancement coating the cauda equina roots.')",
        ["result_reports"] = "verbs that report what a test or examination found ('MRI showed', 'CRMP5-IgG was detected', 'the biopsy confirmed'): a sentence with one, under a differential or assessment heading, states results rather than guessing",
        ["this_patient"] = "words that name the patient a case report is about ('our patient', 'she'): a sentence of its discussion with one is about the patient",
        ["verdicts_before_colon"] = "a study's verdict written between its name and a colon ('MRI whole spine normal: no intramedullary lesion'): the line is a statement to read, not a heading",
        ["staff_speech"] = "words of speech or care right after a pronoun ('She said', 'He examined'): after a sentence naming a member of staff, the pronoun is that person's, not the patient's",
        ["staff_nouns"] = "members of staff named in a sentence ('Saw the GP', 'the nurse came'): a pronoun opening the next sentence with a word of speech is theirs",
        ["patient_block_openers"] = "words that, with a number, open one patient's entry in a handover or ward list ('BED 4 - Mr A.', 'Patient 2:')",
        ["patient_block_flags"] = "words on an entry's first line that mark the patient the list is sent about ('BED 7 - Ms L. <-- NEW, please review')",
        ["recent_periods"] = "words after 'last' that name a period still inside the present illness ('PET-CT last week:', 'MRI last night'): unlike 'last year', they do not date a study to an earlier episode",
        ["staff_roles"] = "roles and hand-over words before a title that make it a member of staff's ('Interpreter: Mr K. Rahman', 'surgeons (Mr Chen)', 'telephoned to Mr Baptiste'), not the patient's",
        ["line_continuers"] = "words a sentence cannot end on (articles, prepositions, 'right', 'left'): a line that breaks after one goes on in the next line, whatever its first letter",
        ["results_before_aside"] = "result words written after what they judge ('Ankle jerks absent (known neuropathy)'): an aside in brackets right after one explains, and is not judged by it",
        ["conus_end"] = "words after 'conus' that say where the normal cord ends: the level in that clause is anatomy",
        ["specimen_words"] = "words between an organ's name and a colon that make the line a specimen's label ('Lung biopsy:')",
        ["current_study_openers"] = "words that, opening a sentence under an earlier study's header with a study word after them, place that study now",
        ["titles"] = "titles before a patient's name ('Mrs Jones, 69,'): a number between commas right after title and name is the age",
        ["symptom_loss"] = "words that, ending a list item after a denial, name a symptom ('weight loss') rather than a result ('loss of vibration')",
        ["range_below"] = "words and marks that open a reference range's upper bound ('ref < 52', 'normal below 40')",
        ["range_above"] = "words and marks that open a reference range's lower bound ('ref > 180', 'normal above 200')",
        ["neutrophils"] = "words for neutrophils in a CSF differential written as a share ('85% neutrophils')",
        ["mononuclear"] = "words for lymphocytes and other mononuclear cells in a CSF differential written as a share ('90% lymphocytes')",
        ["treatments"] = "treatment words right after 'N weeks of' that make the duration a treatment's ('two months of IM hydroxocobalamin'), not the illness's",
        ["answer_no"] = "a one-word answer after a question about a finding that denies it ('Fever? No.')",
        ["answer_yes"] = "a one-word answer after a question about a finding that states it ('Lhermitte's? Yes.')",
        ["complete"] = "words before 'resolution'/'resolved' about the current study that say nothing is left ('shows complete resolution')",
        ["spinothalamic"] = "words for pain and temperature sense: lost on the side opposite a weak leg, they make the hemicord pattern",
        ["sense_lost"] = "words that say a sense is lost or reduced in the clause of a spinothalamic word",
        ["count_breaks"] = "words between a number and a lesion word that show the number is not a count of lesions ('at 3 weeks shows the lesion')",
        ["vertebra_words"] = "words for the vertebrae themselves ('vertebral bodies', 'marrow'), not only a disc or an endplate: a signal said of them is the bone's",
        ["treated_by"] = "words after a lesion's levels that say it was treated ('treated with 40 Gy', 'irradiated'), making the levels a radiotherapy field",
        ["answer_seen"] = "words that may follow a one-word answer before its full stop ('None found.', 'No. Not elicited')",
        ["given_as_treatment"] = "words just before a duration that make it how long a treatment was given ('B12 replaced over two months'), not how the illness evolved",
        ["study_header_words"] = "words a study's header may carry besides its name and date ('MRI whole spine with contrast (2021):') and still be a header",
        ["lesion_nouns"] = "nouns by which a later sentence refers back to a lesion ('the nodule now measures 14 mm')",
        ["still_there"] = "words after a lesion referred back to that say it is still there now ('the nodule now measures', 'this lesion is larger')",
        ["question_openers"] = "words that open a question after a comma ('..., any new bladder symptoms? No.'): the answer denies only what follows them",
        ["mass_modifiers"] = "words that may stand between an enhancement word and the mass it describes ('no enhancing intramedullary mass')",
        ["mass_heads"] = "nouns for a mass: 'no enhancing mass' denies the mass, not every enhancement of the scan",
        ["past_dates"] = "words that date a study in a header before its colon to an earlier time ('MRI in June:', 'LP last year:'); a four-digit year does the same",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private readonly FrozenDictionary<string, FrozenSet<string>> _lists;

    internal WordLists(FrozenDictionary<string, FrozenSet<string>> lists, string origin)
    {
        _lists = lists; Origin = origin;
        OwnPolarity = Get("own_polarity"); SpinalSite = Get("spinal_site"); Predicate = Get("predicate"); OneSide = Get("one_side"); ValueJoiners = Get("value_joiners"); GoneAdverbs = Get("gone_adverbs"); Seen = Get("seen"); Gone = Get("gone");
        Elsewhere = Get("elsewhere"); RefersBack = Get("refers_back"); BodyBeyondBrain = Get("body_beyond_brain");
        TreatedOrPast = Get("treated_or_past"); Operations = Get("operations"); PresentIllness = Get("present_illness"); ResultWords = Get("result_words"); Sequence = Get("sequence"); Planned = Get("planned"); RedCells = Get("red_cells"); Blood = Get("blood");
        CsfOrBreak = Get("csf_or_break"); Field = Get("field"); Current = Get("current"); Study = Get("study");
        OnlyOrNormal = Get("only_or_normal"); Progression = Get("progression"); Locative = Get("locative"); Tumour = Get("tumour");
        Unstemmed = Get("unstemmed"); Administered = Get("administered"); TreatmentConcepts = Get("treatment_concepts"); ReportNouns = Get("report_nouns"); ReferenceWords = Get("reference_words"); CsfAnalytes = Get("csf_analytes"); JudgedAs = Get("judged_as");
        MalignantEndings = [.. Get("malignant_endings").Order(StringComparer.Ordinal)];
        Recovery = Get("recovery"); Nadir = Get("nadir"); PastDates = Get("past_dates"); CountBreaks = Get("count_breaks"); AnswerNo = Get("answer_no"); AnswerYes = Get("answer_yes"); Complete = Get("complete"); Spinothalamic = Get("spinothalamic"); SenseLost = Get("sense_lost"); MassHeads = Get("mass_heads"); MassModifiers = Get("mass_modifiers"); VertebraWords = Get("vertebra_words"); TreatedBy = Get("treated_by"); AnswerSeen = Get("answer_seen"); GivenAsTreatment = Get("given_as_treatment"); StudyHeaderWords = Get("study_header_words"); LesionNouns = Get("lesion_nouns"); QuestionOpeners = Get("question_openers"); StillThere = Get("still_there");
        RadiotherapyField = Get("radiotherapy_field"); BackReference = Get("back_reference"); MarrowSequences = Get("marrow_sequences"); OutsideCord = Get("outside_cord");
        Treatments = Get("treatments"); Neutrophils = Get("neutrophils"); Mononuclear = Get("mononuclear");
        Titles = Get("titles"); AgeNow = Get("age_now"); UnchangedEndings = Get("unchanged_endings"); UnchangedJoiners = Get("unchanged_joiners");
        NowOpeners = Get("now_openers"); ComparisonWords = Get("comparison_words"); TerseDenials = Get("terse_denials"); CurrentStudyOpeners = Get("current_study_openers");
        CurrentStudyFollowers = Get("current_study_followers"); SpecimenWords = Get("specimen_words"); ConusEnd = Get("conus_end"); DatedEventOpeners = Get("dated_event_openers"); ToThePresent = Get("to_the_present"); OnsetOpeners = Get("onset_openers"); BoneLesionWords = Get("bone_lesion_words"); SymptomLoss = Get("symptom_loss"); RangeBelow = Get("range_below"); RangeAbove = Get("range_above");
        VerdictsAfterDash = Get("verdicts_after_dash"); ResultsBeforeAside = Get("results_before_aside"); OpinionLabels = Get("opinion_labels");
        LineContinuers = Get("line_continuers"); StaffRoles = Get("staff_roles"); RecentPeriods = Get("recent_periods"); ResultReports = Get("result_reports"); ThisPatient = Get("this_patient"); VerdictsBeforeColon = Get("verdicts_before_colon"); StaffSpeech = Get("staff_speech"); StaffNouns = Get("staff_nouns"); SpinalAnatomy = Get("spinal_anatomy");
        PatientBlockOpeners = Get("patient_block_openers"); PatientBlockFlags = Get("patient_block_flags");
    }

    /// <summary>Where the lists come from (file name), for explanations.</summary>
    public string Origin { get; }
    public FrozenSet<string> OwnPolarity { get; }
    /// <summary>Nouns for a mass: a denied "enhancing" right before one describes the mass denied (see <c>mass_heads</c>).</summary>
    public FrozenSet<string> MassHeads { get; }
    /// <summary>Words between an enhancement word and its mass (see <c>mass_modifiers</c>).</summary>
    public FrozenSet<string> MassModifiers { get; }
    /// <summary>Words for the vertebrae themselves (see <c>vertebra_words</c>).</summary>
    public FrozenSet<string> VertebraWords { get; }
    /// <summary>Words saying levels were treated (see <c>treated_by</c>).</summary>
    public FrozenSet<string> TreatedBy { get; }
    /// <summary>Words that may follow a one-word answer (see <c>answer_seen</c>).</summary>
    public FrozenSet<string> AnswerSeen { get; }
    /// <summary>Words that make the duration after them a treatment's (see <c>given_as_treatment</c>).</summary>
    public FrozenSet<string> GivenAsTreatment { get; }
    /// <summary>Words a study header may carry (see <c>study_header_words</c>).</summary>
    public FrozenSet<string> StudyHeaderWords { get; }
    /// <summary>Nouns that refer back to a lesion (see <c>lesion_nouns</c>).</summary>
    public FrozenSet<string> LesionNouns { get; }
    /// <summary>Words that open a question after a comma (see <c>question_openers</c>).</summary>
    public FrozenSet<string> QuestionOpeners { get; }
    /// <summary>Words that say a lesion referred back to is still there (see <c>still_there</c>).</summary>
    public FrozenSet<string> StillThere { get; }
    /// <summary>Words the vocabulary matches as written: their stem would join them to a word of another meaning.</summary>
    public FrozenSet<string> Unstemmed { get; }
    public FrozenSet<string> SpinalSite { get; }
    /// <summary>Copulas and "represent": a metastasis denied after them describes one lesion, not the absence of spread.</summary>
    public FrozenSet<string> Predicate { get; }
    /// <summary>Side words: a dermatome on one side ("right C6 dermatome") is a root's territory, not a sensory level.</summary>
    public FrozenSet<string> OneSide { get; }
    public FrozenSet<string> ValueJoiners { get; }
    public FrozenSet<string> GoneAdverbs { get; }
    public FrozenSet<string> Seen { get; }
    public FrozenSet<string> Gone { get; }
    public FrozenSet<string> Elsewhere { get; }
    public FrozenSet<string> RefersBack { get; }
    public FrozenSet<string> BodyBeyondBrain { get; }
    public FrozenSet<string> TreatedOrPast { get; }
    /// <summary>Operation nouns other than '-ectomy' words; like them, a plan ("resection is planned") places nothing in the past.</summary>
    public FrozenSet<string> Operations { get; }
    /// <summary>Sentence-opening words that end a past- or family-history section ("PMH: ... Now fever and weakness").</summary>
    public FrozenSet<string> PresentIllness { get; }
    /// <summary>Result words of a list item ("B12 low 110, copper normal"): the item is closed before the next comma.</summary>
    public FrozenSet<string> ResultWords { get; }
    /// <summary>Words that turn "pain ... weakness" into a sequence ("back pain, then weakness"): the pain's duration stays its own.</summary>
    public FrozenSet<string> Sequence { get; }
    /// <summary>Words of getting better: a duration right after them times the recovery, not the onset.</summary>
    public FrozenSet<string> Recovery { get; }
    /// <summary>Month names and "last": a study header dated with one before its colon reports an earlier study.</summary>
    public FrozenSet<string> PastDates { get; }
    public FrozenSet<string> CountBreaks { get; }
    public FrozenSet<string> AnswerNo { get; }
    public FrozenSet<string> AnswerYes { get; }
    public FrozenSet<string> Complete { get; }
    public FrozenSet<string> Spinothalamic { get; }
    public FrozenSet<string> SenseLost { get; }
    public FrozenSet<string> RadiotherapyField { get; }
    public FrozenSet<string> BackReference { get; }
    public FrozenSet<string> MarrowSequences { get; }
    public FrozenSet<string> OutsideCord { get; }
    public FrozenSet<string> Titles { get; }
    public FrozenSet<string> Neutrophils { get; }
    public FrozenSet<string> Treatments { get; }
    public FrozenSet<string> Mononuclear { get; }
    /// <summary>Words before 'aged' that make the age the present one (see <c>age_now</c>).</summary>
    public FrozenSet<string> AgeNow { get; }
    /// <summary>Last words saying an earlier study's finding is still there (see <c>unchanged_endings</c>).</summary>
    public FrozenSet<string> UnchangedEndings { get; }
    /// <summary>Words before such a last word (see <c>unchanged_joiners</c>).</summary>
    public FrozenSet<string> UnchangedJoiners { get; }
    /// <summary>Words placing a sentence's size now (see <c>now_openers</c>).</summary>
    public FrozenSet<string> NowOpeners { get; }
    /// <summary>Words introducing the study a header compares with (see <c>comparison_words</c>).</summary>
    public FrozenSet<string> ComparisonWords { get; }
    /// <summary>Words opening a terse denial (see <c>terse_denials</c>).</summary>
    public FrozenSet<string> TerseDenials { get; }
    /// <summary>Words opening a sentence about the current study (see <c>current_study_openers</c>).</summary>
    public FrozenSet<string> CurrentStudyOpeners { get; }
    /// <summary>Words after such an opener that make it a study's (see <c>current_study_followers</c>).</summary>
    public FrozenSet<string> CurrentStudyFollowers { get; }
    /// <summary>Words after "conus" saying where the normal cord ends (see <c>conus_end</c>).</summary>
    public FrozenSet<string> ConusEnd { get; }
    /// <summary>Verdict words after a spaced dash that reach back over the clause before it (see <c>verdicts_after_dash</c>).</summary>
    public FrozenSet<string> VerdictsAfterDash { get; }
    /// <summary>Labels that keep an assessment's line an opinion (see <c>opinion_labels</c>).</summary>
    public FrozenSet<string> OpinionLabels { get; }
    /// <summary>Roles before a title that make it a member of staff's (see <c>staff_roles</c>).</summary>
    public FrozenSet<string> StaffRoles { get; }
    /// <summary>Periods after 'last' still inside the present illness (see <c>recent_periods</c>).</summary>
    public FrozenSet<string> RecentPeriods { get; }
    /// <summary>Words naming the patient a case report is about (see <c>this_patient</c>).</summary>
    public FrozenSet<string> ThisPatient { get; }
    /// <summary>A study's verdict between its name and a colon (see <c>verdicts_before_colon</c>).</summary>
    public FrozenSet<string> VerdictsBeforeColon { get; }
    /// <summary>Words of speech or care after a staff member's pronoun (see <c>staff_speech</c>).</summary>
    public FrozenSet<string> StaffSpeech { get; }
    /// <summary>Members of staff named in a sentence (see <c>staff_nouns</c>).</summary>
    public FrozenSet<string> StaffNouns { get; }
    /// <summary>Words that open one patient's entry in a list (see <c>patient_block_openers</c>).</summary>
    public FrozenSet<string> PatientBlockOpeners { get; }
    /// <summary>Words marking the patient a list is sent about (see <c>patient_block_flags</c>).</summary>
    public FrozenSet<string> PatientBlockFlags { get; }
    /// <summary>Verbs reporting what a test or examination found (see <c>result_reports</c>).</summary>
    public FrozenSet<string> ResultReports { get; }
    /// <summary>Words of the spinal cord, its roots and the spine (see <c>spinal_anatomy</c>).</summary>
    public FrozenSet<string> SpinalAnatomy { get; }
    /// <summary>Words a sentence cannot end on, so a line break after one continues the sentence (see <c>line_continuers</c>).</summary>
    public FrozenSet<string> LineContinuers { get; }
    /// <summary>Result words whose forward reach stops at a bracket right after them (see <c>results_before_aside</c>).</summary>
    public FrozenSet<string> ResultsBeforeAside { get; }
    /// <summary>Words before a date that date the clause (see <c>dated_event_openers</c>).</summary>
    public FrozenSet<string> DatedEventOpeners { get; }
    /// <summary>Words ending a dated clause (see <c>to_the_present</c>).</summary>
    public FrozenSet<string> ToThePresent { get; }
    /// <summary>Words before a date that make it the illness's start (see <c>onset_openers</c>).</summary>
    public FrozenSet<string> OnsetOpeners { get; }
    /// <summary>Words placing counted lesions in bone (see <c>bone_lesion_words</c>).</summary>
    public FrozenSet<string> BoneLesionWords { get; }

    /// <summary>Words making an organ's line a specimen label (see <c>specimen_words</c>).</summary>
    public FrozenSet<string> SpecimenWords { get; }
    public FrozenSet<string> SymptomLoss { get; }
    public FrozenSet<string> RangeBelow { get; }
    public FrozenSet<string> RangeAbove { get; }
    /// <summary>Words of the worst point: a duration right after them is the time to worst.</summary>
    public FrozenSet<string> Nadir { get; }
    public FrozenSet<string> Planned { get; }
    public FrozenSet<string> RedCells { get; }
    public FrozenSet<string> Blood { get; }
    public FrozenSet<string> CsfOrBreak { get; }
    public FrozenSet<string> Field { get; }
    public FrozenSet<string> Current { get; }
    public FrozenSet<string> Study { get; }
    public FrozenSet<string> OnlyOrNormal { get; }
    public FrozenSet<string> Progression { get; }
    public FrozenSet<string> Locative { get; }
    public FrozenSet<string> Tumour { get; }
    public IReadOnlyList<string> MalignantEndings { get; }
    /// <summary>"Given", "administered": said of a treatment, a denial with these words is about the treatment, not the report.</summary>
    public FrozenSet<string> Administered { get; }
    public FrozenSet<string> TreatmentConcepts { get; }
    public FrozenSet<string> ReportNouns { get; }
    public FrozenSet<string> CsfAnalytes { get; }
    /// <summary>"typical", "consistent": with 'of'/'with' they judge the lesion described; a denial there is not about spread.</summary>
    public FrozenSet<string> JudgedAs { get; }
    /// <summary>"ref", "normal range": the laboratory's own range after a value decides whether it is abnormal.</summary>
    public FrozenSet<string> ReferenceWords { get; }

    private FrozenSet<string> Get(string name) => _lists[name];
}

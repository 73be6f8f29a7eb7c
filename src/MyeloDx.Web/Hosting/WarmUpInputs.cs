namespace MyeloDx.Web.Hosting;

/// <summary>
/// Invented cases for the start-up warm-up (<see cref="ServerWarmUp"/>): no patient's data, only enough variety that
/// the text reader (sections, negation, numbers, doses, levels), the structured path and the FHIR path all run their
/// usual branches. Their answers are thrown away.
/// </summary>
internal static class WarmUpInputs
{
    public static readonly string[] Notes =
    [
        "Invented warm-up note. A 58-year-old man with metastatic non-small cell lung adenocarcinoma (brain, adrenal) presents with "
        + "three weeks of progressive leg weakness, numbness up to T10 and urinary retention. No back pain. He had whole-brain "
        + "radiotherapy, 30 Gy in 10 fractions, six months ago and is on pembrolizumab.\n"
        + "Examination: power 3/5 in both legs, brisk reflexes, extensor plantars, sensory level at T10. Arms normal.\n"
        + "MRI spine with contrast: a 12 mm enhancing intramedullary lesion at T8 with cord oedema from T6 to T10; no epidural mass, "
        + "no leptomeningeal enhancement. CSF: protein 0.9 g/L, glucose normal, cytology negative on two samples.",
        "Invented warm-up note. 66-year-old woman, breast cancer with bone and liver metastases. New severe thoracic back pain for "
        + "ten days, worse lying flat, then two days of leg weakness and difficulty walking; bladder not affected. Previous "
        + "radiotherapy to T4-T7, 20 Gy in 5 fractions, two years ago.\n"
        + "On examination: tender over T9, hip flexion 4/5 bilaterally, reflexes normal, no clear sensory level.\n"
        + "MRI whole spine: collapse of T9 with epidural soft tissue compressing the cord; no cord signal change. "
        + "Brain imaging not done. She denies headache or diplopia.",
        "Invented warm-up note. 45-year-old man with small cell lung cancer, limited stage, treated with chemoradiotherapy to the "
        + "chest 50 Gy in 25 fractions including the upper thoracic cord, completed 11 months ago. Over two months, slowly "
        + "progressive numbness of the left leg and weakness of the right leg (Brown-Sequard pattern), no pain.\n"
        + "MRI: T2 hyperintensity of the cord from T2 to T5 with patchy enhancement within the previous radiotherapy field; "
        + "no mass, no epidural disease. CSF protein mildly raised, cells 3, cytology negative. Anti-Hu antibodies negative.",
        "Invented warm-up note. Melanoma with known brain metastases; new headache, back and radicular leg pain, bilateral facial "
        + "weakness and leg weakness over a week. MRI brain and spine: diffuse nodular leptomeningeal enhancement along the cauda "
        + "equina and conus, cranial nerves enhancing. CSF: opening pressure raised, protein 1.8 g/L, glucose low, malignant cells seen.",
    ];

    public static readonly string[] Cases =
    [
        """{"patient":{"ageYears":52,"sex":"female"},"cancer":{"primarySite":"breast","histology":"invasive ductal carcinoma","receptors":{"estrogenPositive":true,"progesteronePositive":false,"her2Positive":false},"metastaticSites":["bone","lung"],"status":"active"},"treatments":{"radiotherapy":[{"target":"thoracic spine","totalDoseGy":30,"fractions":10,"monthsBeforeOnset":14}],"systemic":[{"name":"chemotherapy","class":"chemotherapy","ongoing":true}]},"presentation":{"onsetTempo":"days","pain":"back","syndrome":"paraparesis","bladderDysfunction":true,"motor":{"leftLeg":3,"rightLeg":4}},"imaging":{"compartment":"epidural","levels":"T6-T7","lesionCount":1,"epiduralDisease":true},"notes":"Invented warm-up case."}""",
        """{"patient":{"ageYears":63,"sex":"male"},"cancer":{"primarySite":"lung","histology":"adenocarcinoma","metastaticSites":["brain"],"status":"progressing"},"treatments":{"radiotherapy":[{"target":"whole brain","totalDoseGy":30,"fractions":10,"monthsBeforeOnset":4}]},"presentation":{"onsetTempo":"weeks","pain":"radicular","headache":true,"syndrome":"paraparesis","bladderDysfunction":false},"imaging":{"levels":"T11-L1","lesionCount":2},"notes":"Invented warm-up case."}""",
    ];
}

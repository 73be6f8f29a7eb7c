namespace MyeloDx.Core.Cases;

/// <summary>
/// What a clinician must know before a procedure: none of it weighs on the differential, all of it on whether a lumbar
/// puncture, contrast or biopsy is safe now. Null means not known (the recommendation then says what to check first).
/// </summary>
public sealed record Safety
{
    /// <summary>Platelet count in 10^9/L (same as 10^3/µL).</summary>
    public double? PlateletCount { get; init; }
    /// <summary>none, prophylactic, therapeutic or antiplatelet.</summary>
    public string? Anticoagulation { get; init; }
    /// <summary>Brain imaging shows mass effect, midline shift or obstructive hydrocephalus (false: imaging excluded it).</summary>
    public bool? BrainMassEffect { get; init; }
    /// <summary>Clinical signs of raised intracranial pressure (papilloedema, falling consciousness).</summary>
    public bool? RaisedIntracranialPressure { get; init; }
    /// <summary>Estimated glomerular filtration rate, mL/min/1.73 m².</summary>
    public double? EgfrMlMin { get; init; }
    /// <summary>A previous allergic-like reaction to gadolinium contrast.</summary>
    public bool? GadoliniumAllergy { get; init; }
    /// <summary>A previous allergic-like reaction to iodinated contrast.</summary>
    public bool? IodinatedContrastAllergy { get; init; }
}

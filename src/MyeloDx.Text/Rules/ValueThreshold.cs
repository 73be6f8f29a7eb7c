namespace MyeloDx.Text.Rules;

/// <summary>
/// A test named with its value ("Temp 38.6", "MCV 109", "opening pressure 32 cm H2O"): the result is abnormal at or
/// beyond <see cref="AbnormalFrom"/> (above it, or below it when <see cref="AbnormalWhenBelow"/>), normal otherwise.
/// Values outside <see cref="PlausibleMin"/>..<see cref="PlausibleMax"/> are taken to be in another unit (a temperature
/// in Fahrenheit, a pressure in mm of water) and say nothing.
/// </summary>
public sealed record ValueThreshold(double AbnormalFrom, bool AbnormalWhenBelow, double PlausibleMin, double PlausibleMax)
{
    /// <summary>True when the value is abnormal, false when normal, null when it is not plausible in this unit.</summary>
    public bool? Abnormal(double value) =>
        !(value >= PlausibleMin && value <= PlausibleMax) ? null  // written so that NaN is not plausible either
        : AbnormalWhenBelow ? value <= AbnormalFrom : value >= AbnormalFrom;
}

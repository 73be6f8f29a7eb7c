using MyeloDx.Core.Anatomy;
using MyeloDx.Core.Cases;
using MyeloDx.Core.Dose;

namespace MyeloDx.Core.Tests.Dose;

public class CordGeometryTests
{
    private static CordPosition Locate(string? target, string? lesion, string? levels = null, bool? stated = null) =>
        CordGeometry.Locate(new RadiotherapyCourse { Target = target, Levels = levels, CordInField = stated }, SpinalLevels.Ranges(lesion));

    [Fact]
    public void The_conus_lies_far_outside_a_whole_brain_field()
    {
        var p = Locate("whole brain", "T12-L1 (conus medullaris)");
        Assert.Equal(FieldRelation.Outside, p.Relation);
        Assert.Equal(18, p.DistanceSegments);
        Assert.Contains("whole-brain", p.Reason);
    }

    [Fact]
    public void The_upper_cervical_cord_lies_at_the_edge_of_a_whole_brain_field()
    {
        Assert.Equal(FieldRelation.InField, Locate("whole brain", "C1").Relation);
        Assert.Equal(FieldRelation.NearEdge, Locate("whole brain", "C2").Relation);
        Assert.Equal(FieldRelation.Outside, Locate("whole brain", "C4-C5").Relation);
    }

    [Theory]
    [InlineData("T10-L2", "T12-L1", FieldRelation.InField)]
    [InlineData("T10-L2", "L3", FieldRelation.NearEdge)]
    [InlineData("T4-T6", "T12-L1", FieldRelation.Outside)]
    [InlineData("mediastinum", "T4", FieldRelation.Possible)]
    [InlineData("lung", "T6", FieldRelation.Possible)]
    [InlineData("mediastinum", "conus", FieldRelation.Outside)]
    [InlineData("head and neck", "C3", FieldRelation.InField)]
    [InlineData("pelvis", "cauda equina", FieldRelation.InField)]
    [InlineData("pelvis", "T12-L1", FieldRelation.Outside)]
    [InlineData("left breast", "T4", FieldRelation.Outside)]
    [InlineData("brain radiosurgery", "C1", FieldRelation.Outside)]
    [InlineData("thoracic spine", "T8", FieldRelation.InField)]
    [InlineData("craniospinal", "L1", FieldRelation.InField)]
    public void Fields_are_placed_against_the_affected_levels(string target, string lesion, FieldRelation expected) =>
        Assert.Equal(expected, Locate(target, lesion).Relation);

    [Fact]
    public void Course_levels_take_precedence_over_the_target_name() =>
        Assert.Equal(FieldRelation.InField, Locate("spine metastasis", "T12", levels: "T11-L1").Relation);

    [Fact]
    public void A_whole_neuraxis_field_includes_the_cord_even_when_the_lesion_level_is_unknown() =>
        Assert.Equal(FieldRelation.InField, Locate("whole spine", null).Relation);

    [Fact]
    public void An_unnamed_or_vague_field_is_unknown_rather_than_guessed()
    {
        Assert.Equal(FieldRelation.Unknown, Locate("spine", "T8").Relation);
        Assert.Equal(FieldRelation.Unknown, Locate(null, "T8").Relation);
        Assert.Equal(FieldRelation.Unknown, Locate("lung", null).Relation);
    }

    [Fact]
    public void Without_the_lesion_level_cord_facing_fields_make_it_possible_and_remote_ones_outside()
    {
        Assert.Equal(FieldRelation.Possible, Locate("T4-T6", null).Relation);
        Assert.Equal(FieldRelation.Possible, Locate("mediastinum", null).Relation);
        Assert.Equal(FieldRelation.Outside, Locate("whole brain", null).Relation);
        Assert.Equal(FieldRelation.Outside, Locate("pelvis", null).Relation);
    }

    [Fact]
    public void A_stated_cord_in_field_flag_overrides_the_geometry()
    {
        Assert.Equal(FieldRelation.InField, Locate("whole brain", "T12", stated: true).Relation);
        var outside = Locate("T10-L2", "T12", stated: false);
        Assert.Equal(FieldRelation.Outside, outside.Relation);
        Assert.True(outside.Stated);
    }

    [Fact]
    public void The_deriver_keeps_using_the_geometry_for_its_categorical_fallback()
    {
        var lesion = SpinalLevels.Ranges("T12-L1");
        Assert.Equal("outside_field", FindingDeriver.CordInField(new RadiotherapyCourse { Target = "whole brain" }, lesion));
        Assert.Equal("in_field", FindingDeriver.CordInField(new RadiotherapyCourse { Levels = "T10-L2" }, lesion));
        Assert.Equal("in_field", FindingDeriver.CordInField(new RadiotherapyCourse { Levels = "L2-L4" }, lesion)); // near edge counts as in
        Assert.Null(FindingDeriver.CordInField(new RadiotherapyCourse { Target = "spine" }, lesion));
        Assert.Equal("possible_in_field", FindingDeriver.CordInField(new RadiotherapyCourse { Target = "mediastinum" }, SpinalLevels.Ranges("T5")));
    }
}

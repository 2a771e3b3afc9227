using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Server.Data.Audit;

/// <summary>Keyed by a hash rather than the text: an index on the text would store every text twice.</summary>
internal sealed class AuditRuleTextEntityTypeConfiguration : IEntityTypeConfiguration<AuditRuleTextEntity>
{
    public void Configure(EntityTypeBuilder<AuditRuleTextEntity> builder)
    {
        builder.ToTable("AuditRuleTexts");
        builder.HasKey(r => r.Id);
        builder.HasIndex(r => r.Hash);
    }
}

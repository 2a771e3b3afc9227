using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Server.Data.Audit;

internal sealed class AuditCauseEntityTypeConfiguration : IEntityTypeConfiguration<AuditCauseEntity>
{
    public void Configure(EntityTypeBuilder<AuditCauseEntity> builder)
    {
        builder.ToTable("AuditCauses");
        builder.HasKey(c => c.Id);
        builder.HasIndex(c => c.Json).IsUnique();
        builder.HasIndex(c => c.Kind);
    }
}

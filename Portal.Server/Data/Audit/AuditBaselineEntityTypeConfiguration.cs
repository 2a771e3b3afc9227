using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Server.Data.Audit;

internal sealed class AuditBaselineEntityTypeConfiguration : IEntityTypeConfiguration<AuditBaselineEntity>
{
    public void Configure(EntityTypeBuilder<AuditBaselineEntity> builder)
    {
        builder.ToTable("AuditBaselines");
        builder.HasKey(b => b.Id);
        builder.HasIndex(b => new { b.HostId, b.At }).HasDatabaseName("IX_AuditBaselines_Host_At");
    }
}

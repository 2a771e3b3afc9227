using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Server.Data.Audit;

internal sealed class AuditChainEntityTypeConfiguration : IEntityTypeConfiguration<AuditChainEntity>
{
    public void Configure(EntityTypeBuilder<AuditChainEntity> builder)
    {
        builder.ToTable("AuditChains");
        builder.HasKey(c => c.Id);
        builder.HasIndex(c => new { c.TableName, c.ChainName }).IsUnique();
    }
}

import { bilingual } from '../messages.ts'

// A region's summary page's own strings (RegionPage).
export default bilingual(
  {
    region: {
      title: '{name} {year}年度汇总',
      reports: '计入 {n} 份已发布报告',
      subregions: '下级地区',
      agencies: '机关及发布情况',
      consolidation: '政府报告与所属部门合计的差异',
    },
  },
  {
    region: {
      title: '{name}: totals for {year}',
      reports: '{n} published reports counted',
      subregions: 'Sub-regions',
      agencies: 'Agencies and their status',
      consolidation: "A government's report against the sum of its departments'",
    },
  },
)

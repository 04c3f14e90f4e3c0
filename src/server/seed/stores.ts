/** Demo stores; the first ones match the front-desk demo users. */
export const STORES = [
  { id: 'st-01', name: '上海徐汇旗舰店', city: '上海' },
  { id: 'st-02', name: '北京朝阳大悦城店', city: '北京' },
  { id: 'st-03', name: '广州天河城店', city: '广州' },
  { id: 'st-04', name: '深圳万象城店', city: '深圳' },
  { id: 'st-05', name: '杭州湖滨银泰店', city: '杭州' },
  { id: 'st-06', name: '成都太古里店', city: '成都' },
  { id: 'st-07', name: '南京新街口店', city: '南京' },
  { id: 'st-08', name: '武汉光谷店', city: '武汉' },
] as const

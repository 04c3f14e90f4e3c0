import { pick } from './random'

// Common surnames roughly by frequency (王李张刘陈 lead), then given-name characters.
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严欧莫孔向常汤康易乔赖文'
const GIVEN =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鑫斌宇浩凯健俊帆帅旭宁龙林欣佳怡嘉琪子涵梓萱一诺雨轩浩然思远晨曦欣怡雅婷志强建国海燕春梅'

export function chineseName(rnd: () => number): string {
  const surname = pick(rnd, [...SURNAMES])
  const len = rnd() < 0.7 ? 2 : 1
  let given = ''
  for (let i = 0; i < len; i++) given += pick(rnd, [...GIVEN])
  return surname + given
}

const PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '155',
  '157',
  '158',
  '159',
  '166',
  '176',
  '177',
  '180',
  '181',
  '182',
  '183',
  '186',
  '187',
  '188',
  '189',
  '191',
  '198',
  '199',
]

/** A unique, valid-looking mainland mobile number for customer index i (i < 10^8). */
export function phoneFor(i: number): string {
  const prefix = PREFIXES[i % PREFIXES.length] as string
  // 7919 is coprime with 10^8, so i → i·7919 mod 10^8 is a bijection: no two customers share a number.
  const rest = (i * 7919 + 20_240_601) % 100_000_000
  return prefix + String(rest).padStart(8, '0')
}

package normalize

import (
	"strings"
	"unicode/utf8"
)

// hanPinyin is a compact Han → pinyin table (without tones) for the
// characters most used in Chinese surnames, given names and company names.
// No maintained Go pinyin library is available from the module proxy here, so
// the table is kept small and explicit; characters outside it stay as they are
// and still match the same character on a list.
var hanPinyin = func() map[rune]string {
	const table = `
a:阿啊 ai:艾爱安 an:安按岸 ao:奥澳敖 ba:巴八霸 bai:白百柏拜 ban:班板 bao:宝保包鲍报 bei:北贝备 ben:本
bi:毕碧必比 bian:边卞 biao:彪标 bin:斌彬宾滨 bing:冰兵炳丙 bo:博波伯柏勃 bu:布步 cai:蔡才财彩 can:灿
cao:曹草 cen:岑 chang:常昌长畅 chao:超朝潮 chen:陈晨辰臣沉 cheng:成程城诚承 chi:池迟 chong:崇冲 chu:楚初储
chuan:川传船 chun:春纯淳 ci:慈 cong:聪丛 cui:崔翠 da:达大 dai:戴代黛 dan:丹单旦 dang:党 dao:道 de:德
deng:邓登 di:迪狄帝弟 dian:电典殿 ding:丁定鼎 dong:东董冬栋 dou:窦 du:杜都 duan:段端 dui:队 dun:敦
e:鄂 en:恩 er:尔二 fa:发法 fan:范凡樊帆 fang:方芳房放 fei:费飞菲 fen:芬 feng:冯丰峰凤风锋枫 fu:傅付符富福扶甫
gang:刚钢港 gao:高 ge:葛戈格歌 geng:耿 gong:龚宫工公功 gu:顾谷古 guan:关管冠官 guang:光广 gui:桂贵归
guo:郭国 hai:海 han:韩汉寒涵翰含 hang:杭航 hao:郝浩昊豪好 he:何贺和河赫合 hei:黑 heng:恒衡 hong:洪红宏鸿虹弘
hou:侯厚 hu:胡虎湖 hua:华花化 huai:怀 huan:欢环 huang:黄皇 hui:辉慧惠晖会 hun:魂 huo:霍火 ji:纪姬吉季冀继基济
jia:贾家佳嘉 jian:简建剑健坚 jiang:江姜蒋疆将 jiao:焦娇 jie:杰洁捷界 jin:金晋锦津进近 jing:景京静晶井敬精
jiu:久九 ju:居菊巨 juan:娟 jun:军君俊骏钧 kai:凯开 kang:康 ke:柯科可克 kong:孔空 kou:寇 kuang:匡 kun:坤昆
lai:赖来 lan:兰蓝岚 lang:郎朗 lao:劳老 le:乐 lei:雷蕾磊 leng:冷 li:李黎利丽力立理礼莉里厉 lian:连莲廉联练
liang:梁良亮 liao:廖辽 lin:林琳霖麟 ling:凌玲灵龄岭 liu:刘柳流留 long:龙隆 lou:娄楼 lu:卢陆鲁路露吕 luan:栾
lun:伦 luo:罗骆洛 lv:吕绿律 ma:马麻 mai:麦 man:曼满 mao:毛茂 mei:梅美 meng:孟蒙梦萌 mi:米宓 miao:苗妙
min:敏民闽 ming:明铭鸣 mo:莫墨 mu:穆木慕 na:娜纳 nan:南楠男 ni:倪妮 nian:年 ning:宁凝 niu:牛 nong:农 ou:欧
pan:潘盘 pang:庞 pei:裴佩 peng:彭鹏蓬 ping:平萍 pu:蒲浦普 qi:齐戚祁琪奇启其 qian:钱倩谦千 qiang:强 qiao:乔桥
qin:秦勤琴钦 qing:青清庆晴 qiu:邱秋丘 qu:曲屈瞿 quan:全权泉 ran:冉然 rao:饶 ren:任仁人 rong:荣容蓉融 ru:如汝
rui:瑞锐蕊 run:润 ruo:若 sha:沙莎 shan:山珊善单 shang:尚商 shao:邵少绍 shen:沈申深神 sheng:盛生胜圣 shi:石史施时师世诗实
shu:舒淑书树 shuang:双爽 shui:水 shun:顺 si:司思斯四 song:宋松颂 su:苏素肃 sun:孙 tai:泰太台 tan:谭谈坦
tang:唐汤堂 tao:陶涛桃 teng:滕腾 tian:田天甜 ting:婷庭廷亭 tong:童佟同通 tu:涂图 wan:万宛婉 wang:王汪旺望
wei:魏韦卫伟维威薇巍 wen:文温闻 weng:翁 wu:吴武伍吾五乌 xi:习席西喜熙希溪 xia:夏霞 xian:鲜先贤仙 xiang:向项香祥翔湘
xiao:肖萧晓小孝 xie:谢 xin:辛新欣心鑫信 xing:邢星兴行幸 xiong:熊雄 xiu:秀修 xu:徐许旭 xuan:宣轩萱 xue:薛雪学
xun:荀迅 ya:雅亚 yan:严颜燕岩阎闫妍艳 yang:杨阳洋扬 yao:姚耀瑶 ye:叶业 yi:易毅依怡艺义益一伊 yin:尹殷银印
ying:英应莹颖鹰迎 yong:永勇雍 you:尤友有 yu:于余俞虞宇玉雨羽 yuan:袁元远苑 yue:岳月悦乐越 yun:云芸运
zang:臧 zeng:曾 zha:查 zhai:翟 zhan:詹展战占 zhang:张章 zhao:赵昭兆 zhe:哲浙 zhen:甄真振珍贞震 zheng:郑正政铮
zhi:志智芝之 zhong:钟仲中忠 zhou:周舟洲 zhu:朱祝诸竹珠 zhuang:庄 zhuo:卓 zi:子紫梓 zong:宗 zou:邹 zu:祖 zuo:左
guo:国 gong:公 si:司 you:有 xian:限 ze:泽责 ren:任 fen:份 gu:股 ji:集 tuan:团 ke:科 ji:技 fa:发 zhan:展
shi:市 sheng:省 jie:介 chan:产 pin:品 mao:贸 yi:易 dian:电 zi:子 qi:器 gang:港 da:大 xue:学 yan:研 jiu:究 suo:所
yuan:院 zhi:制 zao:造 ye:业 zhong:中 hua:华 tong:通 xin:讯 yin:银 hang:行 jin:近 en:恩 rong:融 ma:马 bao:保
wei:为 shi:视 shu:术 kuang:旷 cong:从 xun:讯
`
	m := map[rune]string{}
	for _, f := range strings.Fields(table) {
		py, chars, ok := strings.Cut(f, ":")
		if !ok {
			continue
		}
		for _, r := range chars {
			if _, dup := m[r]; !dup {
				m[r] = py
			}
		}
	}
	return m
}()

// hanWords are words of Chinese companies' names that lists write in
// English: "华为技术有限公司" reads "huawei technology limited company" and
// meets "Huawei Technologies Co., Ltd.".
var hanWords = map[string]string{
	"技术": "technology", "科技": "technology", "数字": "digital", "通讯": "communication", "通信": "communication",
	"电子": "electronics", "信息": "information", "网络": "network", "软件": "software", "集团": "group",
	"控股": "holding", "国际": "international", "贸易": "trading", "设备": "equipment", "工业": "industry",
	"研究所": "research institute", "研究院": "research institute", "大学": "university", "智能": "intelligent",
	"航空": "aviation", "航天": "aerospace", "光电": "optoelectronic", "半导体": "semiconductor", "银行": "bank",
	"投资": "investment", "发展": "development", "实业": "industrial", "能源": "energy", "石油": "petroleum",
	"化工": "chemical", "机械": "machinery", "仪器": "instrument", "系统": "systems", "安全": "security",
	"视频": "video", "科学": "science", "工程": "engineering", "服务": "services", "制造": "manufacturing",
	"股份有限公司": "joint stock company", "有限责任公司": "limited liability company", "有限公司": "limited company",
	"公司": "company",
}

// hanPlaces are Chinese places that lists write in joined pinyin ("杭州"
// is "hangzhou", a place (see IsChinesePlace), not two syllables).
var hanPlaces = map[string]string{
	"北京": "beijing", "上海": "shanghai", "天津": "tianjin", "重庆": "chongqing", "深圳": "shenzhen",
	"广州": "guangzhou", "杭州": "hangzhou", "浙江": "zhejiang", "江苏": "jiangsu", "南京": "nanjing",
	"武汉": "wuhan", "成都": "chengdu", "西安": "xian", "广东": "guangdong", "福建": "fujian", "厦门": "xiamen",
	"苏州": "suzhou", "合肥": "hefei", "长沙": "changsha", "哈尔滨": "harbin", "四川": "sichuan", "湖北": "hubei",
	"山东": "shandong", "青岛": "qingdao", "大连": "dalian", "沈阳": "shenyang", "香港": "hong kong",
}

// isHanCompany reports whether s holds one of hanWords: a name in Han
// script that does is a company's, whose other characters romanise as
// joined words ("大华" → "dahua"; see fold).
func isHanCompany(s string) bool {
	if isASCII(s) {
		return false
	}
	for i := range s {
		if _, n := hanWord(s[i:]); n > 0 {
			if _, place := hanPlaces[s[i:i+n]]; !place {
				return true
			}
		}
	}
	return false
}

// hanWord returns the hanWords reading of the longest word that s begins
// with and its length in bytes, or 0.
func hanWord(s string) (string, int) {
	end := [6]int{}
	n := 0
	for i, r := range s {
		if n == len(end) || scriptOf(r) != scHan {
			break
		}
		end[n] = i + utf8.RuneLen(r)
		n++
	}
	for k := n - 1; k >= 1; k-- {
		if w, ok := hanWords[s[:end[k]]]; ok {
			return w, end[k]
		}
		if w, ok := hanPlaces[s[:end[k]]]; ok {
			return w, end[k]
		}
	}
	return "", 0
}

// hanWordAt reports whether s begins with one of hanWords.
func hanWordAt(s string) bool {
	_, n := hanWord(s)
	return n > 0
}
